/**
 * The bounded queue between the video socket and a SourceBuffer (which takes one append at a
 * time). It never grows without end: past its limits it reports overflow and the player resyncs
 * (reconnects; the core starts a late joiner at a keyframe). Drops are counted for the readout.
 */
export class AppendQueue {
  private items: ArrayBuffer[] = [];
  private bytes = 0;
  /** Fragments thrown away on overflow since the player started. */
  dropped = 0;

  constructor(
    readonly maxItems = 90,
    readonly maxBytes = 8 * 1024 * 1024,
  ) {}

  get length(): number {
    return this.items.length;
  }

  get size(): number {
    return this.bytes;
  }

  /** Adds a fragment; returns false (and empties the queue) when the limits would be passed. */
  push(item: ArrayBuffer): boolean {
    if (this.items.length + 1 > this.maxItems || this.bytes + item.byteLength > this.maxBytes) {
      this.dropped += this.items.length + 1;
      this.clear();
      return false;
    }
    this.items.push(item);
    this.bytes += item.byteLength;
    return true;
  }

  shift(): ArrayBuffer | undefined {
    const item = this.items.shift();
    if (item) this.bytes -= item.byteLength;
    return item;
  }

  /**
   * Everything queued as one buffer (oldest first), up to `maxBytes`. One `appendBuffer` per batch
   * instead of per fragment, as go2rtc's player does: each append costs an `updateend` task on the
   * page's main thread, and on a busy machine those tasks, not the bytes, are what fall behind.
   * MSE parses consecutive moof+mdat pairs (and an init segment before them) in one append.
   */
  takeAll(maxBytes = 4 * 1024 * 1024): Uint8Array<ArrayBuffer> | undefined {
    if (this.items.length === 0) return undefined;
    if (this.items.length === 1) return new Uint8Array(this.shift()!);
    let total = 0;
    let count = 0;
    while (count < this.items.length && (count === 0 || total + this.items[count]!.byteLength <= maxBytes)) total += this.items[count++]!.byteLength;
    const out = new Uint8Array(total);
    let at = 0;
    for (let i = 0; i < count; i++) {
      const item = this.shift()!;
      out.set(new Uint8Array(item), at);
      at += item.byteLength;
    }
    return out;
  }

  clear(): void {
    this.items = [];
    this.bytes = 0;
  }
}
