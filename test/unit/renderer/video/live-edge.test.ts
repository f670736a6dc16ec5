import { describe, expect, it } from 'vitest';
import { decideLiveEdge, KEEP_BEHIND_S, MAX_RATE, trimRange } from '../../../../renderer/src/video/live-edge.js';

describe('decideLiveEdge', () => {
  it('plays at 1.0× within the target, and reports the lag', () => {
    const d = decideLiveEdge([{ start: 0, end: 10 }], 9.8, 1);
    expect(d).toEqual({ rate: 1, lagS: expect.closeTo(0.2, 5) });
  });

  it('speeds up between 0.5 s and 2 s behind, never past 1.5×', () => {
    expect(decideLiveEdge([{ start: 0, end: 10 }], 9.3, 1).rate).toBeCloseTo(1.4, 5);
    expect(decideLiveEdge([{ start: 0, end: 10 }], 8.2, 1).rate).toBe(MAX_RATE);
    expect(decideLiveEdge([{ start: 0, end: 10 }], 9.45, 1).rate).toBeGreaterThan(1);
  });

  it('keeps catching up until back at the target (hysteresis), then returns to 1.0×', () => {
    expect(decideLiveEdge([{ start: 0, end: 10 }], 9.6, 1.3).rate).toBe(1.3);
    expect(decideLiveEdge([{ start: 0, end: 10 }], 9.6, 1).rate).toBe(1);
    expect(decideLiveEdge([{ start: 0, end: 10 }], 9.75, 1.3).rate).toBe(1);
  });

  it('seeks when more than 2 s behind', () => {
    const d = decideLiveEdge([{ start: 0, end: 30 }], 25, 1.5);
    expect(d.seekTo).toBeCloseTo(29.7, 5);
    expect(d.rate).toBe(1);
  });

  it('jumps into the newest range from a gap or an old range (after a restart or a dropped burst)', () => {
    const ranges = [{ start: 0, end: 5 }, { start: 8, end: 8.2 }];
    expect(decideLiveEdge(ranges, 4.9, 1).seekTo).toBe(8);
    expect(decideLiveEdge(ranges, 6, 1).seekTo).toBe(8);
  });

  it('does nothing without buffered media', () => {
    const d = decideLiveEdge([], 0, 1);
    expect(d.rate).toBe(1);
    expect(d.seekTo).toBeUndefined();
    expect(d.lagS).toBeNaN();
  });
});

describe('trimRange', () => {
  it('keeps ~10 s behind the play head and trims in chunks, so memory is bounded over a shift', () => {
    expect(trimRange([{ start: 0, end: 14 }], 13.8)).toBeNull();
    expect(trimRange([{ start: 0, end: 16 }], 15.8)).toEqual({ start: 0, end: 15.8 - KEEP_BEHIND_S });
    // Twelve hours in: the buffer still spans ~10–15 s.
    const t = 12 * 3600;
    const trim = trimRange([{ start: t - 15.5, end: t + 0.2 }], t)!;
    expect(t - trim.end).toBe(KEEP_BEHIND_S);
  });
});
