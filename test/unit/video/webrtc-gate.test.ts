import { describe, expect, it } from 'vitest';
import { inspectH264Payload, isRtcp, profileLevelIdOf, rtpHeaderLength } from '../../../electron/core/video/webrtc-h264.js';
import { ViewerGate } from '../../../electron/core/video/webrtc-viewer-gate.js';

/** An RTP packet (RFC 3550 §5.1) with payload type 96, the given sequence number, timestamp and payload. */
function rtp(sequence: number, timestamp: number, payload: number[], marker = false): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = (marker ? 0x80 : 0) | 96;
  header.writeUInt16BE(sequence, 2);
  header.writeUInt32BE(timestamp, 4);
  header.writeUInt32BE(0x1234, 8);
  return Buffer.concat([header, Buffer.from(payload)]);
}

const SPS = [0x67, 0x42, 0xc0, 0x1e, 0xda];
const PPS = [0x68, 0xce, 0x3c, 0x80];
/** STAP-A (24) with an AUD, the SPS and the PPS, as ffmpeg packs a keyframe's start. */
const STAP_SPS = [0x18, 0, 2, 0x09, 0xf0, 0, SPS.length, ...SPS, 0, PPS.length, ...PPS];
const IDR_START = [0x7c, 0x85, 1, 2, 3]; // FU-A, S bit, type 5
const IDR_MIDDLE = [0x7c, 0x05, 4, 5];
const P_SLICE = [0x41, 0x9a, 1];

describe('H.264 RTP packets (RFC 6184)', () => {
  it('finds the SPS in a STAP-A, an IDR start in a FU-A, and the profile-level-id', () => {
    const stap = inspectH264Payload(Buffer.from(STAP_SPS));
    expect(stap.pps).toBe(true);
    expect(profileLevelIdOf(stap.sps!)).toBe('42c01e');
    expect(inspectH264Payload(Buffer.from(IDR_START)).idrStart).toBe(true);
    expect(inspectH264Payload(Buffer.from(IDR_MIDDLE)).idrStart).toBe(false);
    expect(inspectH264Payload(Buffer.from(P_SLICE))).toEqual({ sps: undefined, pps: false, idrStart: false });
    // A STAP-A whose sizes run past its end says nothing rather than reading out of bounds.
    expect(inspectH264Payload(Buffer.from([0x18, 0xff, 0xff, 0x67]))).toEqual({ sps: undefined, pps: false, idrStart: false });
  });

  it('reads RTP header lengths and tells RTCP apart', () => {
    expect(rtpHeaderLength(rtp(1, 1, P_SLICE))).toBe(12);
    expect(rtpHeaderLength(Buffer.from([0x80, 96, 0]))).toBe(-1);
    expect(isRtcp(Buffer.from([0x80, 200, 0, 6]))).toBe(true);
    expect(isRtcp(rtp(1, 1, P_SLICE))).toBe(false);
  });
});

describe('a viewer joining a running stream', () => {
  it('waits for the next keyframe, then numbers its packets contiguously from its own start', () => {
    const gate = new ViewerGate(() => 0.5);
    expect(gate.admit({ data: rtp(100, 9000, P_SLICE, true), generation: 1 })).toEqual([]);
    const [first] = gate.admit({ data: rtp(101, 12600, STAP_SPS), generation: 1 });
    expect(gate.started).toBe(true);
    const rest = [rtp(102, 12600, IDR_START), rtp(103, 12600, IDR_MIDDLE, true), rtp(109, 16200, P_SLICE, true)].flatMap((data) => gate.admit({ data, generation: 1 }));
    const sequences = [first!, ...rest].map((p) => p.readUInt16BE(2));
    expect(sequences).toEqual([0x8000, 0x8001, 0x8002, 0x8003]); // the source's gap (104–108) is not the viewer's loss
    expect(rest[2]!.readUInt32BE(4)).toBe(16200);
    expect(rest[1]![1]! & 0x80).toBe(0x80); // the marker bit survives
  });

  it('sends the stream’s parameter sets ahead of an IDR that comes without them', () => {
    const gate = new ViewerGate(() => 0);
    const sets = [rtp(50, 1, STAP_SPS)];
    const out = gate.admit({ data: rtp(200, 7200, IDR_START), generation: 1 }, sets);
    expect(out).toHaveLength(2);
    expect(inspectH264Payload(out[0]!.subarray(12)).sps).toBeDefined();
    expect(out[0]!.readUInt32BE(4)).toBe(7200); // restamped to the IDR's time
    expect(inspectH264Payload(out[1]!.subarray(12)).idrStart).toBe(true);
  });

  it('waits for a keyframe again after ffmpeg restarts, and keeps its clock going forward', () => {
    const gate = new ViewerGate(() => 0);
    gate.admit({ data: rtp(1, 900_000, STAP_SPS), generation: 1 });
    expect(gate.admit({ data: rtp(7, 5, P_SLICE), generation: 2 })).toEqual([]);
    const [restart] = gate.admit({ data: rtp(8, 10, STAP_SPS), generation: 2 });
    expect(restart!.readUInt16BE(2)).toBe(1);
    expect(restart!.readUInt32BE(4)).toBe(900_000 + 3600);
  });
});
