import { inspectH264Payload, rtpHeaderLength } from './webrtc-h264.js';

/** One RTP packet from a stream's ffmpeg, with what the gate needs to know about it. */
export interface SourcePacket {
  data: Buffer;
  /** Counts ffmpeg runs: a new one restarts sequence numbers and timestamps. */
  generation: number;
}

/**
 * Where a WebRTC viewer joins a stream that is already running, and the RTP numbering it sees.
 *
 * Joining: a decoder can only start at an IDR picture with its SPS/PPS, and the core cannot ask
 * the camera for one (RTSP has no keyframe request; a browser's PLI, RFC 4585 §6.3.1, stops here).
 * So a viewer starts at the NEXT keyframe rather than being sent the buffered group of pictures
 * since the last one: a burst of old frames would make the browser's jitter buffer (which times
 * playout from arrival) hold every later frame back by up to a GOP, the very lag WebRTC is for.
 * Cost: up to one keyframe interval (1–2 s on most cameras) before the first picture.
 *
 * Numbering: each viewer gets contiguous sequence numbers (RFC 3550 §5.1) of its own, so packets
 * skipped before its keyframe or across an ffmpeg restart never look like loss (which would
 * trigger NACKs and PLIs), and timestamps that continue across a restart.
 */
export class ViewerGate {
  private open = false;
  private generation = -1;
  private sequence: number;
  private timestampOffset = 0;
  private lastTimestamp: number | undefined;
  private lastSourceTimestamp: number | undefined;

  constructor(random: () => number = Math.random) {
    this.sequence = Math.floor(random() * 0x10000);
  }

  /** Whether the viewer has reached a keyframe (and is being sent video). */
  get started(): boolean {
    return this.open;
  }

  /**
   * The packets to send this viewer for one source packet (none while waiting for a keyframe).
   * `parameterSets`: the stream's latest packets carrying SPS/PPS, sent ahead of an IDR that comes
   * without them in-band.
   */
  admit(packet: SourcePacket, parameterSets: readonly Buffer[] = []): Buffer[] {
    const headerLength = rtpHeaderLength(packet.data);
    if (headerLength < 0) return [];
    if (packet.generation !== this.generation) {
      this.generation = packet.generation;
      this.open = false;
    }
    const sourceTimestamp = packet.data.readUInt32BE(4);
    const out: Buffer[] = [];
    if (!this.open) {
      const info = inspectH264Payload(packet.data.subarray(headerLength));
      if (!info.sps && !info.idrStart) return [];
      this.open = true;
      // Continue the viewer's clock one 25 fps frame (3600 ticks of 90 kHz) after its last packet.
      this.timestampOffset = this.lastTimestamp === undefined ? 0 : (this.lastTimestamp + 3600 - sourceTimestamp) >>> 0;
      if (!info.sps) for (const set of parameterSets) out.push(this.restamp(set, sourceTimestamp, false));
    }
    out.push(this.restamp(packet.data, sourceTimestamp, true));
    return out;
  }

  private restamp(data: Buffer, sourceTimestamp: number, keepMarker: boolean): Buffer {
    const copy = Buffer.from(data);
    copy.writeUInt16BE(this.sequence, 2);
    this.sequence = (this.sequence + 1) & 0xffff;
    const timestamp = (sourceTimestamp + this.timestampOffset) >>> 0;
    copy.writeUInt32BE(timestamp, 4);
    if (!keepMarker) copy[1] = copy[1]! & 0x7f;
    this.lastTimestamp = timestamp;
    this.lastSourceTimestamp = sourceTimestamp;
    return copy;
  }

  /** The source timestamp of the last packet sent (tests). */
  get lastSent(): number | undefined {
    return this.lastSourceTimestamp;
  }
}
