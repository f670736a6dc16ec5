/**
 * Splits an RTSP connection's byte stream into its units (RFC 2326 §10.12): interleaved binary
 * frames (`$`, channel, 16-bit length, payload: RTP and RTCP over the TCP connection) and RTSP
 * messages (a head up to the empty line, then `Content-Length` bytes of body). Memory is bounded:
 * a head over `maxHeadBytes` or a body over `maxBodyBytes` is a protocol error, and at most one
 * unfinished unit (≤ 64 KiB + 4 for a frame) is held.
 */
export type RtspUnit = { kind: 'frame'; data: Buffer } | { kind: 'message'; head: string; body: Buffer };

export class RtspFramer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly limits = { maxHeadBytes: 16 * 1024, maxBodyBytes: 64 * 1024 }) {}

  /** Units completed by `chunk`, in order. Throws only `RtspFramingError`. */
  push(chunk: Buffer): RtspUnit[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: RtspUnit[] = [];
    for (;;) {
      const buf = this.pending;
      if (buf.length === 0) break;
      if (buf[0] === 0x24) {
        if (buf.length < 4) break;
        const end = 4 + buf.readUInt16BE(2);
        if (buf.length < end) break;
        out.push({ kind: 'frame', data: buf.subarray(0, end) });
        this.pending = buf.subarray(end);
        continue;
      }
      const headEnd = buf.indexOf('\r\n\r\n');
      if (headEnd < 0) {
        if (buf.length > this.limits.maxHeadBytes) throw new RtspFramingError('an RTSP message head is too long');
        break;
      }
      const head = buf.subarray(0, headEnd).toString('utf8');
      const length = Number(/^content-length:\s*(\d+)\s*$/im.exec(head)?.[1] ?? 0);
      if (length > this.limits.maxBodyBytes) throw new RtspFramingError('an RTSP message body is too long');
      const end = headEnd + 4 + length;
      if (buf.length < end) break;
      out.push({ kind: 'message', head, body: Buffer.from(buf.subarray(headEnd + 4, end)) });
      this.pending = buf.subarray(end);
    }
    // Keep a copy of a small remainder, so a large chunk's buffer is not held for a few bytes.
    if (this.pending.length && this.pending.length < 4096) this.pending = Buffer.from(this.pending);
    return out;
  }
}

export class RtspFramingError extends Error {}

/** The value of the first header `name` (case-insensitive) in a message head. */
export function headerOf(head: string, name: string): string | undefined {
  return headersOf(head, name)[0];
}

/** Every value of header `name` (a camera may send `WWW-Authenticate` once per scheme). */
export function headersOf(head: string, name: string): string[] {
  const prefix = `${name.toLowerCase()}:`;
  return head
    .split('\r\n')
    .slice(1)
    .filter((line) => line.toLowerCase().startsWith(prefix))
    .map((line) => line.slice(prefix.length).trim());
}

/** The head without header `name`, then the message as bytes with a correct Content-Length. */
export function withoutHeader(head: string, name: string): string {
  const prefix = `${name.toLowerCase()}:`;
  return head
    .split('\r\n')
    .filter((line, i) => i === 0 || !line.toLowerCase().startsWith(prefix))
    .join('\r\n');
}

export function encodeMessage(head: string, body: Buffer, extraHeaders: readonly string[] = []): Buffer {
  let lines = withoutHeader(head, 'content-length').split('\r\n');
  lines = [...lines, ...extraHeaders];
  if (body.length) lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), body]);
}
