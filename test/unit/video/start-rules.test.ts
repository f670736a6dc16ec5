import { describe, expect, it } from 'vitest';
import { JitteredRestartDelay, restartDelayMs } from '../../../electron/core/video/restart-delay.js';
import { startTimeoutMs, watchdogVerdict } from '../../../electron/core/video/run-watchdog.js';
import { StartGate } from '../../../electron/core/video/start-gate.js';

describe('restartDelayMs (exponential with equal jitter)', () => {
  it('keeps each delay between half its step and the whole step', () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const step = Math.min(30_000, 1_000 * 2 ** attempt);
      expect(restartDelayMs(attempt, 0)).toBe(step / 2);
      expect(restartDelayMs(attempt, 0.999999)).toBe(step);
      expect(restartDelayMs(attempt, 0.5)).toBe((step * 3) / 4);
    }
  });

  it('caps at the policy maximum however many attempts failed', () => {
    expect(restartDelayMs(50, 1)).toBe(30_000);
    expect(restartDelayMs(1e9, 0)).toBe(15_000);
  });

  it('clamps out-of-range inputs instead of returning a negative or infinite delay', () => {
    expect(restartDelayMs(-3, 0)).toBe(500);
    expect(restartDelayMs(0, -1)).toBe(500);
    expect(restartDelayMs(0, 7)).toBe(1_000);
  });

  it('spreads 32 streams that fail together over the step instead of retrying in lockstep', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const delays = Array.from({ length: 32 }, () => new JitteredRestartDelay(undefined, random).next());
    expect(new Set(delays).size).toBeGreaterThan(24);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1_000);
  });

  it('doubles the step per failure and starts over after reset', () => {
    const backoff = new JitteredRestartDelay({ initialMs: 1_000, maxMs: 30_000 }, () => 0);
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([500, 1_000, 2_000]);
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });
});

describe('watchdogVerdict', () => {
  const limits = { dataTimeoutMs: 5_000, socketTimeoutMs: 5_000 };

  it('gives a start three socket timeouts before calling it timed out', () => {
    expect(startTimeoutMs(limits)).toBe(15_000);
    expect(watchdogVerdict({ startedAt: 0, lastDataAt: undefined, now: 14_000 }, limits)).toBe('ok');
    expect(watchdogVerdict({ startedAt: 0, lastDataAt: undefined, now: 15_001 }, limits)).toBe('timed out');
  });

  it('never allows a start less than the data timeout', () => {
    const short = { dataTimeoutMs: 8_000, socketTimeoutMs: 1_000 };
    expect(startTimeoutMs(short)).toBe(8_000);
    expect(watchdogVerdict({ startedAt: 0, lastDataAt: undefined, now: 7_000 }, short)).toBe('ok');
  });

  it('calls a stream that sent data and then went quiet "stalled", judged from its last byte', () => {
    expect(watchdogVerdict({ startedAt: 0, lastDataAt: 20_000, now: 24_000 }, limits)).toBe('ok');
    expect(watchdogVerdict({ startedAt: 0, lastDataAt: 20_000, now: 25_001 }, limits)).toBe('stalled');
  });

  it('does not kill a slow stream that still trickles data, however old the run', () => {
    expect(watchdogVerdict({ startedAt: 0, lastDataAt: 999_000, now: 1_000_000 }, limits)).toBe('ok');
  });
});

describe('StartGate', () => {
  it('lets `limit` starts through at once and queues the rest in order', () => {
    const gate = new StartGate(2);
    const started: number[] = [];
    const tickets = [0, 1, 2, 3].map((n) => gate.enter(() => started.push(n)));
    expect(started).toEqual([0, 1]);
    expect([gate.starting, gate.queued]).toEqual([2, 2]);
    tickets[1]!.release();
    expect(started).toEqual([0, 1, 2]);
    tickets[0]!.release();
    expect(started).toEqual([0, 1, 2, 3]);
    expect([gate.starting, gate.queued]).toEqual([2, 0]);
  });

  it('takes a stream that leaves the queue out of it, and counts a release once', () => {
    const gate = new StartGate(1);
    const started: string[] = [];
    const a = gate.enter(() => started.push('a'));
    const b = gate.enter(() => started.push('b'));
    const c = gate.enter(() => started.push('c'));
    b.release(); // viewer closed the tile while it waited
    a.release();
    a.release();
    expect(started).toEqual(['a', 'c']);
    expect([gate.starting, gate.queued]).toEqual([1, 0]);
    c.release();
    expect(gate.starting).toBe(0);
  });

  it('refuses a limit that would block every start', () => {
    expect(() => new StartGate(0)).toThrow(RangeError);
    expect(() => new StartGate(1.5)).toThrow(RangeError);
  });
});
