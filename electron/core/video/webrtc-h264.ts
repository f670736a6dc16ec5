/**
 * What the WebRTC path needs to know about an H.264 RTP packet (RFC 6184, packetization-mode 1:
 * single NAL unit packets, STAP-A aggregates, FU-A fragments) without decoding video: whether it
 * carries parameter sets (SPS 7, PPS 8) or the start of an IDR picture (5), and the camera's
 * profile-level-id from its SPS (ITU-T H.264 §7.3.2.1.1: profile_idc, constraint flags, level_idc).
 */

const NAL_IDR = 5;
const NAL_SPS = 7;
const NAL_PPS = 8;
const STAP_A = 24;
const FU_A = 28;

/** RTP header length including CSRCs and a header extension (RFC 3550 §5.1, §5.3.1); -1 if malformed. */
export function rtpHeaderLength(packet: Uint8Array): number {
  if (packet.length < 12 || packet[0]! >> 6 !== 2) return -1;
  let length = 12 + (packet[0]! & 0x0f) * 4;
  if (packet[0]! & 0x10) {
    if (packet.length < length + 4) return -1;
    length += 4 + ((packet[length + 2]! << 8) | packet[length + 3]!) * 4;
  }
  return length <= packet.length ? length : -1;
}

/** RTCP shares the port (ffmpeg is told `rtcpport` = the RTP port): packet types 200–204 (RFC 3550 §12.1). */
export function isRtcp(packet: Uint8Array): boolean {
  return packet.length >= 2 && packet[1]! >= 200 && packet[1]! <= 204;
}

export interface H264PacketInfo {
  /** Carries an SPS (alone or in a STAP-A). */
  sps: Uint8Array | undefined;
  /** Carries a PPS (alone or in a STAP-A). */
  pps: boolean;
  /** Starts an IDR picture (a single IDR NAL or the first FU-A fragment of one). */
  idrStart: boolean;
}

/** The NAL units an RTP payload carries, as far as the keyframe gate cares. Malformed payloads say nothing. */
export function inspectH264Payload(payload: Uint8Array): H264PacketInfo {
  const info: H264PacketInfo = { sps: undefined, pps: false, idrStart: false };
  if (payload.length < 1) return info;
  const type = payload[0]! & 0x1f;
  const note = (nal: Uint8Array) => {
    const t = nal[0]! & 0x1f;
    if (t === NAL_SPS) info.sps = nal;
    else if (t === NAL_PPS) info.pps = true;
    else if (t === NAL_IDR) info.idrStart = true;
  };
  if (type === STAP_A) {
    // RFC 6184 §5.7.1: after the STAP-A header, 16-bit size + NAL unit, repeated.
    let at = 1;
    while (at + 2 < payload.length) {
      const size = (payload[at]! << 8) | payload[at + 1]!;
      at += 2;
      if (size === 0 || at + size > payload.length) break;
      note(payload.subarray(at, at + size));
      at += size;
    }
  } else if (type === FU_A) {
    // RFC 6184 §5.8: FU header S bit and the fragmented NAL's type.
    if (payload.length >= 2 && payload[1]! & 0x80 && (payload[1]! & 0x1f) === NAL_IDR) info.idrStart = true;
  } else {
    note(payload);
  }
  return info;
}

/**
 * profile-level-id for the SDP fmtp line (RFC 6184 §8.1): the three bytes after the SPS's NAL
 * header, as six hex digits. Undefined when the SPS is too short to hold them.
 */
export function profileLevelIdOf(sps: Uint8Array): string | undefined {
  if (sps.length < 4) return undefined;
  return Buffer.from(sps.subarray(1, 4)).toString('hex');
}
