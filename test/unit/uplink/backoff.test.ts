import { describe, expect, it } from 'vitest';
import { reconnectDelayMs, urlForAttempt } from '../../../electron/core/uplink/backoff.js';

describe('reconnect backoff', () => {
  it('grows, stays capped and spreads sites over the upper half of the window', () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(250);
    expect(reconnectDelayMs(0, () => 1)).toBe(500);
    expect(reconnectDelayMs(3, () => 0.5)).toBe(3000);
    expect(reconnectDelayMs(50, () => 1)).toBe(30_000);
    const delays = new Set(Array.from({ length: 200 }, (_, i) => reconnectDelayMs(4, () => i / 200)));
    expect(delays.size).toBeGreaterThan(150);
  });

  it('tries the next listener after each failure', () => {
    const urls = ['mqtt://a', 'mqtt://b', 'mqtt://c'];
    expect([0, 1, 2, 3].map((n) => urlForAttempt(urls, 1, n))).toEqual(['mqtt://b', 'mqtt://c', 'mqtt://a', 'mqtt://b']);
  });
});
