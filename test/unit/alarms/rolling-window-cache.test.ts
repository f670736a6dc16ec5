import { describe, expect, it } from 'vitest';
import { RollingWindow } from '../../../electron/core/alarms/rules/rolling-window.js';
import { seededRandom } from '../../../electron/core/sim/random.js';

/** The plain definition: mean of minute means over the span, from every sample kept. */
function naiveMean(samples: { ts: number; value: number }[], now: number, span: number, ring: number) {
  const last = Math.floor(now / 60_000);
  const first = last - Math.min(span, ring) + 1;
  const byMinute = new Map<number, number[]>();
  for (const s of samples) {
    const m = Math.floor(s.ts / 60_000);
    if (m < first || m > last || m <= last - ring) continue;
    byMinute.set(m, [...(byMinute.get(m) ?? []), s.value]);
  }
  if (byMinute.size === 0) return null;
  let total = 0;
  for (const values of byMinute.values()) total += values.reduce((a, b) => a + b, 0) / values.length;
  return { mean: total / byMinute.size, minutes: byMinute.size };
}

describe('rolling window with its completed-minutes cache', () => {
  it('gives the same means as the plain definition through rollovers and late samples', () => {
    const random = seededRandom(7);
    const ring = 60;
    const w = new RollingWindow(ring);
    const samples: { ts: number; value: number }[] = [];
    let now = 1_800_000_000_000;
    for (let i = 0; i < 5000; i++) {
      now += Math.floor(random() * 20_000);
      // Mostly current samples, some late ones up to 10 minutes back.
      const ts = random() < 0.1 ? now - Math.floor(random() * 600_000) : now;
      const value = Math.round(random() * 300);
      if (w.add(ts, value)) samples.push({ ts, value });
      for (const span of [5, 15, 60]) {
        const got = w.mean(now, span);
        const want = naiveMean(samples, now, span, ring);
        if (want === null) expect(got).toBeNull();
        else {
          expect(got?.minutes).toBe(want.minutes);
          expect(got?.mean).toBeCloseTo(want.mean, 9);
        }
      }
    }
  });
});
