import { describe, expect, it } from 'vitest';
import {
  ArrivalDelay,
  ARRIVAL_WINDOW_S,
  BACKLOG_TICKS,
  decideLiveEdge,
  KEEP_BEHIND_S,
  MAX_RATE,
  MIN_RATE,
  SEEK_LAG_S,
  TARGET_LAG_S,
  trimRange,
} from '../../../../renderer/src/video/live-edge.js';

const at = (lag: number) => decideLiveEdge([{ start: 0, end: 10 }], 10 - lag, 1);

describe('decideLiveEdge', () => {
  it('plays at 1.0× near the target, and reports the lag', () => {
    expect(at(TARGET_LAG_S)).toEqual({ rate: 1, lagS: expect.closeTo(TARGET_LAG_S, 5) });
    expect(at(TARGET_LAG_S + 0.04).rate).toBe(1);
    expect(at(TARGET_LAG_S - 0.04).rate).toBe(1);
  });

  it('speeds up in proportion to the excess, never past the maximum', () => {
    expect(at(0.5).rate).toBeCloseTo(1.35, 5);
    expect(at(0.3).rate).toBeCloseTo(1.15, 5);
    expect(at(1.4).rate).toBe(MAX_RATE);
    expect(at(0.25).rate).toBeGreaterThan(1);
  });

  it('is a function of the lag alone: the same lag gives the same rate whatever the rate was', () => {
    expect(decideLiveEdge([{ start: 0, end: 10 }], 9.6, 1.5).rate).toBe(decideLiveEdge([{ start: 0, end: 10 }], 9.6, 1).rate);
  });

  it('slows a little when the buffer runs short, never below the minimum', () => {
    expect(at(0.05).rate).toBeLessThan(1);
    expect(at(0).rate).toBe(MIN_RATE);
  });

  it('moves the rate in steps of 0.05', () => {
    for (let lag = 0; lag < SEEK_LAG_S; lag += 0.013) expect(Math.round(at(lag).rate * 100) % 5).toBe(0);
  });

  it('converges: simulated playback with 100-ms fragments settles near the target from 1.4 s behind', () => {
    let end = 10;
    let time = 10 - 1.4;
    let rate = 1;
    const lags: number[] = [];
    // 50-ms steps: a 0.1-s fragment lands every 100 ms, the rule runs every 250 ms.
    for (let step = 0; step < 800; step++) {
      if (step % 2 === 0) end += 0.1;
      if (step % 5 === 0) {
        const d = decideLiveEdge([{ start: 0, end }], time, rate);
        rate = d.rate;
        if (d.seekTo !== undefined) time = d.seekTo;
      }
      time = Math.min(end, time + 0.05 * rate);
      lags.push(end - time);
    }
    const settled = lags.slice(-200);
    expect(Math.max(...settled)).toBeLessThan(TARGET_LAG_S + 0.15);
  });

  it('seeks when more than SEEK_LAG_S behind', () => {
    const d = decideLiveEdge([{ start: 0, end: 30 }], 30 - SEEK_LAG_S - 0.1, 1.5);
    expect(d.seekTo).toBeCloseTo(30 - TARGET_LAG_S, 5);
    expect(d.rate).toBe(1);
  });

  it('jumps into the newest range from a gap or an old range (after a restart or a dropped burst)', () => {
    const ranges = [{ start: 0, end: 5 }, { start: 8, end: 8.1 }];
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

describe('ArrivalDelay', () => {
  it('is ~0 while the media clock keeps pace with the wall clock', () => {
    const a = new ArrivalDelay();
    for (let t = 0; t < 20; t += 0.25) expect(a.record(1000 + t, 5 + t)).toBeCloseTo(0, 5);
    expect(a.backlogged).toBe(false);
  });

  it('measures data that arrives later than the recent best, and calls it a backlog only when it lasts', () => {
    const a = new ArrivalDelay();
    for (let t = 0; t < 5; t += 0.25) a.record(1000 + t, 5 + t);
    // From now on the data arrives 3 s late (it waited in a socket).
    const delays: number[] = [];
    for (let i = 0; i < BACKLOG_TICKS; i++) {
      expect(a.backlogged).toBe(false);
      const t = 5 + i * 0.25;
      delays.push(a.record(1000 + t, 5 + t - 3));
    }
    expect(delays.every((d) => Math.abs(d - 3) < 1e-6)).toBe(true);
    expect(a.backlogged).toBe(true);
  });

  it('does not call one late tick (a main-thread stall) a backlog', () => {
    const a = new ArrivalDelay();
    for (let t = 0; t < 5; t += 0.25) a.record(1000 + t, 5 + t);
    a.record(1006.5, 10);
    a.record(1006.75, 11.75);
    expect(a.backlogged).toBe(false);
  });

  it('forgets the best arrival after its window, so a camera clock drifting from ours is not a backlog', () => {
    const a = new ArrivalDelay();
    // Camera clock 1 % slow: media advances 0.99 s per wall second. Over 10 minutes that is 6 s.
    let delay = 0;
    for (let t = 0; t < 600; t += 0.25) delay = a.record(1000 + t, t * 0.99);
    expect(delay).toBeLessThanOrEqual(ARRIVAL_WINDOW_S * 0.01 + 1e-6);
    expect(a.backlogged).toBe(false);
  });

  it('does not call a camera whose media clock runs 10 % slow (a CPU-starved encoder) a backlog', () => {
    const a = new ArrivalDelay();
    for (let t = 0; t < 300; t += 0.25) a.record(1000 + t, t * 0.9);
    expect(a.backlogged).toBe(false);
  });

  it('starts over on reset', () => {
    const a = new ArrivalDelay();
    a.record(1000, 5);
    a.reset();
    expect(a.record(1010, 5)).toBe(0);
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
