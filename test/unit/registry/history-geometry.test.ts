import { describe, expect, it } from 'vitest';
import { gapThreshold, historyGeometry, timeTicks, zoneOffsetMs } from '../../../renderer/src/views/devices/history-geometry.js';

const BOX = { width: 900, height: 220, left: 8, pad: 10 };
const pt = (t: number, v: number) => ({ t, min: v - 1, max: v + 1, avg: v, count: 3 });

describe('history chart geometry', () => {
  it('one band and one line for continuous data; a long silence splits both', () => {
    const steady = [0, 1, 2, 3].map((i) => pt(i * 60_000, 10 + i));
    const g = historyGeometry(steady, 60_000, 0, 240_000, [], BOX);
    expect(g.band.match(/M/g)).toHaveLength(1);
    expect(g.mean.match(/M/g)).toHaveLength(1);
    const withGap = [...steady, pt(60 * 60_000, 5), pt(61 * 60_000, 6)];
    expect(historyGeometry(withGap, 60_000, 0, 62 * 60_000, [], BOX).mean.match(/M/g)).toHaveLength(2);
  });

  it('a device reporting less often than a bucket is still a line (spacing-based gaps)', () => {
    const sparse = [0, 1, 2, 3, 4].map((i) => pt(i * 180_000, i));
    expect(gapThreshold(sparse, 60_000)).toBe(540_000);
    expect(historyGeometry(sparse, 60_000, 0, 900_000, [], BOX).mean.match(/M/g)).toHaveLength(1);
  });

  it('the value range includes the limits, and a limit maps inside the plot', () => {
    const g = historyGeometry([pt(0, 40), pt(60_000, 50)], 60_000, 0, 120_000, [90, 100, 110], BOX);
    expect(g.yMax).toBeGreaterThan(110);
    expect(g.limitYs[2]).toBeGreaterThan(BOX.pad - 0.01);
    expect(g.limitYs[0]).toBeGreaterThan(g.limitYs[2]!);
    expect(g.timeAt(g.x(30_000))).toBeCloseTo(30_000);
  });

  it('time ticks fall on round site-local times (Asia/Shanghai midnight, not UTC)', () => {
    const offset = zoneOffsetMs(Date.UTC(2026, 5, 1), 'Asia/Shanghai');
    expect(offset).toBe(8 * 3600_000);
    const from = Date.UTC(2026, 5, 1, 0, 7);
    const ticks = timeTicks(from, from + 86_400_000, offset);
    expect(ticks.length).toBeLessThanOrEqual(7);
    for (const t of ticks) expect((t + offset) % (6 * 3600_000)).toBe(0);
  });
});
