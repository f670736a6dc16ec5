/** Pure geometry of the device history chart: min–max band, mean line, limits, time ticks. */
import type { HistoryPoint } from '../../../../electron/common/api.js';

export interface ChartBox {
  width: number;
  height: number;
  /** Left margin (y labels), other sides `pad`. */
  left: number;
  pad: number;
}

export interface HistoryGeometry {
  /** Closed SVG path(s) of the min–max band; a gap in the data breaks it. */
  band: string;
  /** The mean, one sub-path per run of data. */
  mean: string;
  yMin: number;
  yMax: number;
  /** y of each limit value given, in the same order. */
  limitYs: number[];
  x: (t: number) => number;
  y: (v: number) => number;
  /** Inverse of x, for turning a dragged range into times. */
  timeAt: (x: number) => number;
}

/**
 * Scales a series into the box over [from, to]. A bucket is drawn at its middle; a gap in the
 * data (see gapThreshold) breaks the band and the line instead of bridging it. The value range
 * includes the limits, so the operator sees the headroom.
 */
export function historyGeometry(points: readonly HistoryPoint[], bucketMs: number, from: number, to: number, limits: readonly number[], box: ChartBox): HistoryGeometry {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    lo = Math.min(lo, p.min);
    hi = Math.max(hi, p.max);
  }
  for (const l of limits) {
    lo = Math.min(lo, l);
    hi = Math.max(hi, l);
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  const margin = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1;
  const yMin = lo - margin;
  const yMax = hi + margin;
  const span = to - from || 1;
  const plotW = box.width - box.left - box.pad;
  const plotH = box.height - 2 * box.pad;
  const x = (t: number) => box.left + ((t - from) / span) * plotW;
  const y = (v: number) => box.pad + plotH - ((v - yMin) / (yMax - yMin)) * plotH;
  const timeAt = (px: number) => from + ((Math.min(Math.max(px, box.left), box.left + plotW) - box.left) / plotW) * span;

  const gapMs = gapThreshold(points, bucketMs);
  const runs: HistoryPoint[][] = [];
  for (const p of points) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (run && prev && p.t - prev.t <= gapMs) run.push(p);
    else runs.push([p]);
  }
  const mid = (p: HistoryPoint) => p.t + bucketMs / 2;
  const f = (n: number) => n.toFixed(1);
  let band = '';
  let mean = '';
  for (const run of runs) {
    if (run.length === 1) {
      // One bucket alone: a block as wide as its bucket, so it is visible.
      const p = run[0]!;
      const x0 = x(p.t);
      const x1 = Math.max(x(p.t + bucketMs), x0 + 2);
      band += `M${f(x0)},${f(y(p.max))}H${f(x1)}V${f(y(p.min))}H${f(x0)}Z`;
      mean += `M${f(x0)},${f(y(p.avg))}H${f(x1)}`;
      continue;
    }
    band += run.map((p, i) => `${i ? 'L' : 'M'}${f(x(mid(p)))},${f(y(p.max))}`).join('');
    band += [...run].reverse().map((p) => `L${f(x(mid(p)))},${f(y(p.min))}`).join('') + 'Z';
    mean += run.map((p, i) => `${i ? 'L' : 'M'}${f(x(mid(p)))},${f(y(p.avg))}`).join('');
  }
  return { band, mean, yMin, yMax, limitYs: limits.map(y), x, y, timeAt };
}

/**
 * How far apart two buckets may be and still be joined: two bucket widths, or three times the
 * series' usual spacing when the device reports less often than a bucket (a crane reporting
 * every 3 min in a zoomed window of 1-minute buckets is a line, not a row of dots).
 */
export function gapThreshold(points: readonly HistoryPoint[], bucketMs: number): number {
  const spacings: number[] = [];
  for (let i = 1; i < points.length; i++) spacings.push(points[i]!.t - points[i - 1]!.t);
  spacings.sort((a, b) => a - b);
  const median = spacings.length ? spacings[Math.floor(spacings.length / 2)]! : 0;
  return Math.max(2 * bucketMs, 3 * median);
}

const MINUTE = 60_000;
const TICK_STEPS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, 3600_000, 2 * 3600_000, 3 * 3600_000, 6 * 3600_000, 12 * 3600_000, 86_400_000];

/**
 * Time-axis ticks at round site-local times (every 10 min, every 6 h, midnight…): at most
 * `maxTicks`. `offsetMs` is the site zone's offset from UTC (see zoneOffsetMs).
 */
export function timeTicks(from: number, to: number, offsetMs: number, maxTicks = 7): number[] {
  const span = Math.max(to - from, 1);
  const step = TICK_STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = Math.ceil((from + offsetMs) / step) * step - offsetMs; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** The zone's offset from UTC at `at`, ms (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(at / 1000) * 1000;
}

/** A tick label in the site zone: time of day, with the date when the window is longer than a day. */
export function formatTick(t: number, spanMs: number, timeZone: string, locale: string): string {
  const options: Intl.DateTimeFormatOptions = { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  if (spanMs > 86_400_000) Object.assign(options, { month: '2-digit', day: '2-digit' });
  return new Intl.DateTimeFormat(locale, options).format(new Date(t));
}
