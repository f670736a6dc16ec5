import { describe, expect, it } from 'vitest';
import { inBandSps } from '../../../electron/core/video/parameter-sets.js';

/** NAL units with 4-byte lengths, as ffmpeg's mp4 muxer writes samples. */
const sample = (...nals: number[][]) => Buffer.concat(nals.map((n) => Buffer.concat([Buffer.from([0, 0, 0, n.length]), Buffer.from(n)])));

describe('inBandSps', () => {
  it('finds the H.264 SPS (type 7) before the IDR slice', () => {
    const sps = [0x67, 0x42, 0xc0, 0x1e, 0x99];
    expect([...inBandSps(sample([0x09, 0x10], sps, [0x68, 0xce], [0x65, 0x88]), 'avc1.42C01E')!]).toEqual(sps);
  });
  it('finds the H.265 SPS (type 33) after the VPS', () => {
    const sps = [0x42, 0x01, 0x01, 0x60];
    expect([...inBandSps(sample([0x40, 0x01, 0x0c], sps, [0x44, 0x01], [0x26, 0x01]), 'hvc1.1.6.L93.B0')!]).toEqual(sps);
  });
  it('finds none when the slice comes first, the sample is cut short, or the codec is not H.264/H.265', () => {
    expect(inBandSps(sample([0x65, 0x88], [0x67, 0x42]), 'avc1.42C01E')).toBeUndefined();
    expect(inBandSps(Buffer.from([0, 0, 0, 9, 0x67, 0x42]), 'avc1.42C01E')).toBeUndefined();
    expect(inBandSps(sample([0x67, 0x42]), 'mp4v.20.9')).toBeUndefined();
  });
});
