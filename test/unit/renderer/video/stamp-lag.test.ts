import { describe, expect, it } from 'vitest';
import { decodeStampRow, stampBits, stampRegion } from '../../../../electron/common/frame-stamp.js';
import { LagSamples, StampDetector, lagFromStamp, medianOf, percentile, readDue } from '../../../../renderer/src/video/stamp-lag.js';

/** RGBA pixels of a stamp row for `timeMs`, as a canvas of the stamp region would hold them. */
function stampRow(timeMs: number, frameWidth: number): { rgba: Uint8ClampedArray; width: number; block: number } {
  const r = stampRegion(frameWidth);
  const rgba = new Uint8ClampedArray(r.width * r.height * 4);
  stampBits(timeMs).forEach((bit, i) => {
    for (let y = 0; y < r.block; y++)
      for (let x = i * r.block; x < (i + 1) * r.block; x++) rgba.fill(bit ? 235 : 16, (y * r.width + x) * 4, (y * r.width + x) * 4 + 3);
  });
  return { rgba, width: r.width, block: r.block };
}

describe('LagSamples', () => {
  it('keeps only the newest `capacity` samples, oldest first', () => {
    const s = new LagSamples(3);
    [10, 20, 30, 40, 50].forEach((v) => s.push(v));
    expect(s.length).toBe(3);
    expect(s.newest()).toEqual([30, 40, 50]);
    expect(s.newest(2)).toEqual([40, 50]);
  });

  it('stays bounded over a shift of frames', () => {
    const s = new LagSamples(600);
    for (let i = 0; i < 12 * 3600 * 25; i += 97) s.push(i);
    expect(s.length).toBe(600);
  });

  it('drains what it holds and starts empty', () => {
    const s = new LagSamples(4);
    [1, 2, 3].forEach((v) => s.push(v));
    expect(s.drain()).toEqual([1, 2, 3]);
    expect(s.length).toBe(0);
    s.push(9);
    expect(s.newest()).toEqual([9]);
  });
});

describe('StampDetector', () => {
  it('says "stamped" only after several consecutive valid reads', () => {
    const d = new StampDetector(5, 25);
    for (let i = 0; i < 4; i++) expect(d.record(true)).toBe(false);
    expect(d.record(true)).toBe(true);
  });

  it('is not fooled by scattered lucky reads of a pattern that passes the 8-bit check', () => {
    const d = new StampDetector(5, 25);
    for (let i = 0; i < 100; i++) d.record(i % 4 === 0);
    expect(d.stamped).toBe(false);
  });

  it('keeps "stamped" through a few smeared frames, and drops it after a run of misses', () => {
    const d = new StampDetector(5, 25);
    for (let i = 0; i < 5; i++) d.record(true);
    for (let i = 0; i < 24; i++) expect(d.record(false)).toBe(true);
    expect(d.record(false)).toBe(false);
    expect(d.missStreak).toBe(25);
  });
});

describe('lagFromStamp', () => {
  it('is the time shown minus the time stamped', () => {
    expect(lagFromStamp(1_000_000, 1_000_340)).toBe(340);
  });

  it('refuses a missing stamp and a stamp from another clock', () => {
    expect(lagFromStamp(null, 5)).toBeNull();
    expect(lagFromStamp(1_000_000 + 5_000, 1_000_000)).toBeNull(); // 5 s in the future
    expect(lagFromStamp(1_000_000, 1_000_000 + 3_600_000)).toBeNull(); // an hour old
  });
});

describe('readDue', () => {
  it('limits reads to one per interval (5/s on a tile)', () => {
    expect(readDue(1000, 900, 200)).toBe(false);
    expect(readDue(1100, 900, 200)).toBe(true);
    expect(readDue(1000, Number.NEGATIVE_INFINITY, 200)).toBe(true);
  });

  it('reads every frame with a 0 interval (the bench)', () => {
    expect(readDue(1000, 1000, 0)).toBe(true);
  });

  it('slows to one read per 2 s on a camera that keeps failing to stamp', () => {
    expect(readDue(1500, 1000, 200, 30)).toBe(false);
    expect(readDue(3000, 1000, 200, 30)).toBe(true);
    expect(readDue(1500, 1000, 200, 3)).toBe(true);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(medianOf(values)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('the reader decodes a stamp row drawn from a frame', () => {
  it('reads back the stamped time at 1080p and 360p', () => {
    for (const width of [1920, 640]) {
      const row = stampRow(1_765_000_000_123, width);
      expect(decodeStampRow(row.rgba, row.width, row.block, 1_765_000_000_500)).toBe(1_765_000_000_123);
    }
  });

  it('refuses a row with one block flipped (the check fails)', () => {
    const row = stampRow(1_765_000_000_123, 1920);
    const at = (Math.floor(row.block / 2) * row.width + 10 * row.block + Math.floor(row.block / 2)) * 4;
    const flipped = row.rgba[at]! > 128 ? 16 : 235;
    row.rgba.fill(flipped, at, at + 3);
    expect(decodeStampRow(row.rgba, row.width, row.block, 1_765_000_000_500)).toBeNull();
  });

  it('refuses a frame with no stamp (flat grey)', () => {
    const r = stampRegion(1920);
    const grey = new Uint8ClampedArray(r.width * r.height * 4).fill(128);
    expect(decodeStampRow(grey, r.width, r.block, Date.now())).toBeNull();
  });
});
