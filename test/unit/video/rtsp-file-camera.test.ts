import { describe, expect, it } from 'vitest';
import { accessUnits, nalUnits, packetTemplate, rtpPayloads, sdpFor, stamp } from '../../helpers/rtsp-file-camera.mjs';

/**
 * The pre-encoded test camera's byte work, on hand-made NAL units: Annex B splitting, access units
 * (ITU-T H.264 §7.4.1.2.3), RTP packets (RFC 3550 §5.1) with FU-A fragments (RFC 6184 §5.8), the
 * SDP's H.264 parameters (RFC 6184 §8.1). Its RTSP side is tested against ffmpeg in
 * test/integration/rtsp-file-camera.test.ts.
 */
const SPS = Buffer.from([0x67, 0x64, 0x00, 0x28, 0xac, 0xd9, 0x40]);
const PPS = Buffer.from([0x68, 0xeb, 0xe3, 0xcb]);
const AUD = Buffer.from([0x09, 0xf0]);
const FILLER = Buffer.from([0x0c, 0xff, 0xff]);
const idr = (size: number) => Buffer.concat([Buffer.from([0x65, 0x88]), Buffer.alloc(size - 2, 0x5a)]);
const pSlice = (size: number, firstMb = true) => Buffer.concat([Buffer.from([0x41, firstMb ? 0x9a : 0x1a]), Buffer.alloc(size - 2, 0x33)]);
const annexB = (nals: Buffer[], long = false) => Buffer.concat(nals.flatMap((n) => [Buffer.from(long ? [0, 0, 0, 1] : [0, 0, 1]), n]));

describe('Annex B and access units', () => {
  it('splits 3- and 4-byte start codes and drops trailing zero bytes', () => {
    const stream = Buffer.concat([annexB([SPS], true), annexB([PPS]), Buffer.from([0, 0]), annexB([idr(10)], true), Buffer.from([0, 0])]);
    expect(nalUnits(stream)).toEqual([SPS, PPS, idr(10)]);
  });

  it('groups by delimiters, leaves delimiters and filler out, starts at the first keyframe', () => {
    const units = accessUnits([AUD, pSlice(5), AUD, SPS, PPS, idr(20), FILLER, AUD, pSlice(8), AUD, pSlice(9)]);
    expect(units.map((u) => u.keyframe)).toEqual([true, false, false]);
    expect(units[0]!.nals).toEqual([SPS, PPS, idr(20)]);
    expect(units[1]!.nals).toEqual([pSlice(8)]);
  });

  it('finds picture boundaries without delimiters (first_mb_in_slice 0, or parameter sets after a slice)', () => {
    const units = accessUnits([SPS, PPS, idr(20), pSlice(6), pSlice(6, false), SPS, PPS, idr(30)]);
    expect(units.map((u) => u.nals.length)).toEqual([3, 2, 3]);
    expect(units.map((u) => u.keyframe)).toEqual([true, false, true]);
  });

  it('gives a keyframe without parameter sets in band the stream’s SPS and PPS', () => {
    const units = accessUnits([AUD, SPS, PPS, idr(20), AUD, pSlice(5), AUD, idr(21)]);
    expect(units[2]!.nals).toEqual([SPS, PPS, idr(21)]);
  });

  it('refuses a stream without SPS, PPS or an IDR picture', () => {
    expect(() => accessUnits([AUD, pSlice(5), AUD, pSlice(5)])).toThrow(/SPS/);
    expect(() => accessUnits([SPS, PPS, pSlice(5)])).toThrow(/IDR/);
  });
});

describe('RTP packets', () => {
  it('sends a small NAL unit whole and fragments a large one into FU-A packets that rebuild it', () => {
    const big = idr(3000);
    const payloads = rtpPayloads([SPS, big], 1400);
    expect(payloads[0]).toEqual(SPS);
    const fragments = payloads.slice(1);
    expect(fragments.length).toBe(3);
    for (const f of fragments) {
      expect(f.length).toBeLessThanOrEqual(1400);
      expect(f[0]).toBe((big[0]! & 0xe0) | 28);
      expect(f[1]! & 0x1f).toBe(5);
    }
    expect(fragments.map((f) => f[1]! & 0xc0)).toEqual([0x80, 0x00, 0x40]);
    const rebuilt = Buffer.concat([Buffer.from([(fragments[0]![0]! & 0xe0) | (fragments[0]![1]! & 0x1f)]), ...fragments.map((f) => f.subarray(2))]);
    expect(rebuilt).toEqual(big);
  });

  it('frames each packet for the interleaved channel with running sequence numbers, one timestamp and the marker on the last', () => {
    const template = packetTemplate([SPS, PPS, idr(3000)], 0x12345678, 1400);
    const data = stamp(template, 2, 0xfffe, 0xabcdef01);
    const packets: Buffer[] = [];
    for (let at = 0; at < data.length; ) {
      expect(data[at]).toBe(0x24);
      expect(data[at + 1]).toBe(2);
      const length = data.readUInt16BE(at + 2);
      packets.push(data.subarray(at + 4, at + 4 + length));
      at += 4 + length;
    }
    expect(packets).toHaveLength(5);
    expect(packets.map((p) => p.readUInt16BE(2))).toEqual([0xfffe, 0xffff, 0, 1, 2]);
    expect(packets.map((p) => p[1]! >> 7)).toEqual([0, 0, 0, 0, 1]);
    for (const p of packets) {
      expect(p[0]).toBe(0x80);
      expect(p[1]! & 0x7f).toBe(96);
      expect(p.readUInt32BE(4)).toBe(0xabcdef01);
      expect(p.readUInt32BE(8)).toBe(0x12345678);
    }
    // The template itself is untouched: every frame stamps its own copy.
    expect(stamp(template, 0, 7, 1).readUInt16BE(6)).toBe(7);
  });
});

describe('SDP', () => {
  it('names H.264 at 90 kHz, packetization mode 1, the SPS profile and level and the parameter sets', () => {
    const sdp = sdpFor(accessUnits([SPS, PPS, idr(20)]), 25);
    expect(sdp).toContain('a=rtpmap:96 H264/90000\r\n');
    expect(sdp).toContain(`a=fmtp:96 packetization-mode=1;profile-level-id=640028;sprop-parameter-sets=${SPS.toString('base64')},${PPS.toString('base64')}\r\n`);
    expect(sdp).toContain('a=control:track1');
  });
});
