/**
 * Bytes read from a pipe and not yet consumed, kept as the chunks they came in. ffmpeg's fMP4
 * output arrives in pipe-sized pieces (its 32 KiB write buffer, Node's 64 KiB reads) that cut
 * boxes anywhere; the fragmenter reads box headers in place and copies each box it keeps exactly
 * once, straight from these chunks into the buffer it hands on, or not at all when a whole
 * moof+mdat came in one read. Joining the chunks first
 * (`Buffer.concat`) and then copying the box out of the join would touch every byte of video
 * twice more, and each copy is garbage the collector must later sweep.
 */
export class PipeBytes {
  private chunks: Buffer[] = [];
  /** Bytes of `chunks[0]` already consumed. */
  private offset = 0;
  private total = 0;

  /** Bytes held. */
  get length(): number {
    return this.total;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  clear(): void {
    this.chunks = [];
    this.offset = 0;
    this.total = 0;
  }

  /** The byte at `index` from the front. `index` must be below `length`. */
  byteAt(index: number): number {
    let at = index + this.offset;
    for (const chunk of this.chunks) {
      if (at < chunk.length) return chunk[at]!;
      at -= chunk.length;
    }
    throw new RangeError(`byte ${index} of ${this.total}`);
  }

  /** Big-endian unsigned 32-bit integer at `index` (ISO BMFF box sizes). Needs `index + 4 <= length`. */
  uint32At(index: number): number {
    const first = this.chunks[0];
    const at = index + this.offset;
    if (first && at + 4 <= first.length) return first.readUInt32BE(at);
    return ((this.byteAt(index) << 24) | (this.byteAt(index + 1) << 16) | (this.byteAt(index + 2) << 8) | this.byteAt(index + 3)) >>> 0;
  }

  /** Moves the first `n` bytes into `target` at `targetStart`, consuming them. */
  copyOut(target: Buffer, targetStart: number, n: number): void {
    this.consume(n, target, targetStart);
  }

  /** The first `n` bytes in a buffer of their own (pinning no pipe chunk), consumed. */
  take(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    this.consume(n, out, 0);
    return out;
  }

  /**
   * The first `n` bytes, consumed: a view of the pipe chunk when they lie in one chunk and make up
   * at least half of it (no copy; the view keeps the chunk alive, so at most twice its own size),
   * else a copy as `take` makes. Callers must not write into it. Node hands every pipe read a
   * buffer of its own and never reuses it, so the view stays valid.
   */
  takeView(n: number): Buffer {
    const first = this.chunks[0];
    if (first && this.offset + n <= first.length && 2 * n >= first.length) {
      const view = first.subarray(this.offset, this.offset + n);
      this.consume(n, undefined, 0);
      return view;
    }
    return this.take(n);
  }

  /** Drops the first `n` bytes. */
  skip(n: number): void {
    this.consume(n, undefined, 0);
  }

  private consume(n: number, target: Buffer | undefined, targetStart: number): void {
    if (n > this.total) throw new RangeError(`asked for ${n} bytes of ${this.total}`);
    this.total -= n;
    let left = n;
    let to = targetStart;
    while (left > 0) {
      const first = this.chunks[0]!;
      const count = Math.min(first.length - this.offset, left);
      if (target) first.copy(target, to, this.offset, this.offset + count);
      to += count;
      left -= count;
      this.offset += count;
      if (this.offset === first.length) {
        this.chunks.shift();
        this.offset = 0;
      }
    }
  }
}
