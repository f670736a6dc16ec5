import { describe, expect, it } from 'vitest';
import { isNoiseNight, leqOf, levelOfEnergy, soundEnergy } from '../../../electron/core/statistics/env-limits.js';

describe('noise Leq (energy mean, GB 12523-2011)', () => {
  it('is the level itself when the level is steady', () => {
    expect(leqOf([{ level: 65, weight: 10 }, { level: 65, weight: 50 }])).toBeCloseTo(65, 10);
  });

  it('lets the loud part dominate: 60 and 70 dB(A) for equal times is 67.4, not 65', () => {
    // 10·lg((10^6 + 10^7) / 2) = 10·lg(5.5·10^6) = 67.40
    expect(leqOf([{ level: 60, weight: 1 }, { level: 70, weight: 1 }])).toBeCloseTo(67.404, 3);
  });

  it('weights each level by its time (readings)', () => {
    // 70 dB(A) for 1 minute in 10, 50 the rest: 10·lg((10^7 + 9·10^5) / 10) = 60.37
    expect(leqOf([{ level: 70, weight: 1 }, { level: 50, weight: 9 }])).toBeCloseTo(60.374, 3);
  });

  it('has no value without time, and ignores zero weights and non-numbers', () => {
    expect(leqOf([])).toBeNull();
    expect(leqOf([{ level: 80, weight: 0 }])).toBeNull();
    expect(leqOf([{ level: Number.NaN, weight: 3 }, { level: 55, weight: 1 }])).toBeCloseTo(55, 10);
  });

  it('reads a mean energy back as the level it came from', () => {
    expect(levelOfEnergy((soundEnergy(72) + soundEnergy(72)) / 2)).toBeCloseTo(72, 10);
  });

  it('calls 22:00–06:00 night and 06:00–22:00 day', () => {
    expect([5, 6, 21, 22, 0].map(isNoiseNight)).toEqual([true, false, false, true, true]);
  });
});
