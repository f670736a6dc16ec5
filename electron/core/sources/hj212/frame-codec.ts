import { formatCrc, hj212Crc16 } from './crc16.js';

/**
 * HJ 212-2017 clause 6.3.1, the TCP/IP packet: `##`, the data segment's length as 4 decimal
 * digits, the data segment (0–1024 characters), its CRC16 as 4 hex digits, then CR LF.
 */
export const MAX_DATA_SEGMENT_BYTES = 1024;
const HEADER_BYTES = 6; // "##" + 4 length digits
const TRAILER_BYTES = 6; // 4 CRC hex digits + CR LF
/** The longest frame the standard allows: 1036 bytes. Nothing longer is ever held. */
export const MAX_FRAME_BYTES = HEADER_BYTES + MAX_DATA_SEGMENT_BYTES + TRAILER_BYTES;

const HASH = 0x23; // '#'
const CR = 0x0d;
const LF = 0x0a;

/** Why bytes that began like a frame were thrown away. */
export type Hj212FrameFault =
  /** The length field is not 4 digits, or the data segment did not end where it said. */
  | 'bad-length'
  /** The length field announces more than 1024 bytes. */
  | 'oversize'
  /** The CRC field is not hex, or does not match the data segment. */
  | 'bad-crc';

/** What the decoder found in the bytes: a whole frame's data segment, or a frame it rejected. */
export type Hj212DecodeEvent = { type: 'frame'; segment: string } | { type: 'fault'; fault: Hj212FrameFault };

/**
 * Builds one frame around a data segment. The segment must be ASCII (the standard's character
 * set) and at most 1024 bytes; anything else is a programming error here, so it throws.
 */
export function encodeFrame(segment: string): Buffer {
  const body = Buffer.from(segment, 'latin1');
  if (body.length !== segment.length || /[^\x20-\x7e]/.test(segment)) throw new RangeError('HJ 212 data segment must be printable ASCII');
  if (body.length > MAX_DATA_SEGMENT_BYTES) throw new RangeError(`HJ 212 data segment of ${body.length} bytes exceeds ${MAX_DATA_SEGMENT_BYTES}`);
  const length = String(body.length).padStart(4, '0');
  return Buffer.concat([Buffer.from(`##${length}`, 'latin1'), body, Buffer.from(`${formatCrc(hj212Crc16(body))}\r\n`, 'latin1')]);
}

/**
 * Streaming decoder for one TCP connection. TCP delivers a byte stream, so a frame may arrive in
 * pieces and several may arrive in one read; both are handled here. A rejected frame costs only
 * itself: the decoder resynchronises on the next `##`, so the connection's other frames survive.
 *
 * Memory is bounded: between calls it holds at most one unfinished frame (under MAX_FRAME_BYTES),
 * whatever the peer sends.
 */
export class Hj212FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private skipped = 0;

  /** Feeds bytes as they arrive; returns what they completed, in order. Never throws on input. */
  push(chunk: Uint8Array): Hj212DecodeEvent[] {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    const events: Hj212DecodeEvent[] = [];
    let pos = 0;
    for (;;) {
      const start = buf.indexOf('##', pos, 'latin1');
      if (start < 0) {
        // Keep a lone trailing '#': it may be the first half of the next frame's `##`.
        const keep = buf.length > pos && buf[buf.length - 1] === HASH ? 1 : 0;
        this.skipped += buf.length - pos - keep;
        pos = buf.length - keep;
        break;
      }
      this.skipped += start - pos;
      const step = this.frameAt(buf, start);
      if (step.type === 'wait') {
        pos = start;
        break;
      }
      if (step.type === 'fault') events.push({ type: 'fault', fault: step.fault });
      else events.push({ type: 'frame', segment: step.segment });
      if (step.type === 'fault') this.skipped += 1;
      pos = step.next;
    }
    // Copy, so that a large read is not kept alive by a small unfinished tail.
    this.pending = Buffer.from(buf.subarray(pos));
    return events;
  }

  /** Bytes held for an unfinished frame; never more than MAX_FRAME_BYTES - 1. */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  /** Bytes thrown away outside any frame since the decoder was made (line noise, port scanners). */
  get skippedBytes(): number {
    return this.skipped;
  }

  /**
   * Looks at a candidate frame beginning at `start` (where `##` was found). Any rejection resumes
   * the search one byte on, never after the candidate: the `##` may have been noise, or a frame cut
   * short whose announced length happens to end exactly at the next frame's CR LF (the fuzz test
   * found this); skipping the whole candidate would then swallow a good frame with it.
   */
  private frameAt(
    buf: Buffer,
    start: number,
  ): { type: 'wait' } | { type: 'fault'; fault: Hj212FrameFault; next: number } | { type: 'frame'; segment: string; next: number } {
    const resync = start + 1;
    const digitsEnd = Math.min(buf.length, start + HEADER_BYTES);
    for (let i = start + 2; i < digitsEnd; i++) {
      if (!isDigit(buf[i])) return { type: 'fault', fault: 'bad-length', next: resync };
    }
    if (buf.length < start + HEADER_BYTES) return { type: 'wait' };
    const length = Number(buf.toString('latin1', start + 2, start + HEADER_BYTES));
    if (length > MAX_DATA_SEGMENT_BYTES) return { type: 'fault', fault: 'oversize', next: resync };

    const segmentStart = start + HEADER_BYTES;
    const crcStart = segmentStart + length;
    const end = crcStart + TRAILER_BYTES;
    // The data segment and CRC are printable ASCII: a CR or LF inside them means the length lied
    // (a truncated frame, usually). Saying so now, rather than after waiting for the announced
    // length, keeps the next frame from being held back until more bytes happen to arrive.
    const scanEnd = Math.min(buf.length, crcStart + 4);
    for (let i = segmentStart; i < scanEnd; i++) {
      if (buf[i] === CR || buf[i] === LF) return { type: 'fault', fault: 'bad-length', next: resync };
    }
    if (buf.length < end) return { type: 'wait' };
    if (buf[end - 2] !== CR || buf[end - 1] !== LF) return { type: 'fault', fault: 'bad-length', next: resync };

    const crcText = buf.toString('latin1', crcStart, crcStart + 4);
    const body = buf.subarray(segmentStart, crcStart);
    if (!/^[0-9A-Fa-f]{4}$/.test(crcText) || parseInt(crcText, 16) !== hj212Crc16(body)) {
      return { type: 'fault', fault: 'bad-crc', next: resync };
    }
    return { type: 'frame', segment: body.toString('latin1'), next: end };
  }
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}
