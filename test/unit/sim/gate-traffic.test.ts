import { describe, expect, it } from 'vitest';
import { ShiftTraffic } from '../../../electron/core/sim/gate-traffic.js';

const cards = Array.from({ length: 120 }, (_, i) => `C${String(i + 1).padStart(4, '0')}`);
const at = (hhmm: string) => Date.parse(`2026-12-07T${hhmm}:00+08:00`);

function insideAfter(traffic: ShiftTraffic, from: number, to: number, stepMs = 10_000): { inside: Set<string>; events: number } {
  const inside = new Set<string>();
  let events = 0;
  for (let t = from; t <= to; t += stepMs) {
    for (const e of traffic.due(t)) {
      events++;
      if (e.direction === 'in') inside.add(e.workerId);
      else inside.delete(e.workerId);
    }
  }
  return { inside, events };
}

describe('demo gate traffic', () => {
  it('at 10:00 site time, everyone planned inside walks in within the first minute', () => {
    const start = at('10:00');
    const traffic = new ShiftTraffic(cards, ['gate-1', 'gate-2'], 'Asia/Shanghai', start);
    expect(traffic.due(start - 1)).toEqual([]);
    const { inside } = insideAfter(traffic, start, start + 61_000, 1000);
    // Everyone arrives 06:30–08:00 and nobody leaves before 11:30.
    expect(inside.size).toBe(120);
  });

  it('follows the day: a third out for lunch, everyone gone by 18:30', () => {
    const start = at('11:00');
    const traffic = new ShiftTraffic(cards, ['gate-1'], 'Asia/Shanghai', start);
    insideAfter(traffic, start, start + 61_000, 1000);
    const lunch = insideAfter(traffic, start + 61_000, at('12:15'), 30_000);
    expect(120 - lunch.events).toBeGreaterThan(60);
    expect(lunch.events).toBeGreaterThan(20);
    const evening = new ShiftTraffic(cards, ['gate-1'], 'Asia/Shanghai', at('17:25'));
    const before = insideAfter(evening, at('17:25'), at('17:26') + 1000, 1000).inside.size;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(120);
  });

  it('started in the evening after the shift (18:54), plays a compressed day instead of an empty site', () => {
    const start = at('18:54');
    const traffic = new ShiftTraffic(cards, ['gate-1'], 'Asia/Shanghai', start);
    expect(traffic.siteMinute(start)).toBe(7 * 60 + 45);
    expect(insideAfter(traffic, start, start + 61_000, 1000).inside.size).toBeGreaterThan(50);
    // Before the shift's arrivals are under way (06:40) likewise; from 07:00 the real clock drives it.
    expect(new ShiftTraffic(cards, ['gate-1'], 'Asia/Shanghai', at('06:40')).siteMinute(at('06:40'))).toBe(7 * 60 + 45);
    expect(new ShiftTraffic(cards, ['gate-1'], 'Asia/Shanghai', at('07:10')).siteMinute(at('07:10'))).toBe(7 * 60 + 10);
  });

  it('plays a compressed day at night so the demo is never empty', () => {
    const start = at('23:00');
    const traffic = new ShiftTraffic(cards, ['gate-1'], 'Asia/Shanghai', start);
    expect(traffic.siteMinute(start)).toBe(7 * 60 + 45);
    const { inside } = insideAfter(traffic, start, start + 61_000, 1000);
    expect(inside.size).toBeGreaterThan(50);
  });
});
