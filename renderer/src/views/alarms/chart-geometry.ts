/** Pure geometry of the alarm trend chart (SVG path and scales), kept apart for unit tests. */

export interface TrendPoint {
  ts: number;
  value: number;
}

export interface ChartGeometry {
  path: string;
  /** y of the limit line, or null when there is no limit. */
  limitY: number | null;
  min: number;
  max: number;
  t0: number;
  t1: number;
}

/**
 * Scales points into a `width`×`height` box with `pad` on each side. The value range always
 * contains the limit, so the operator sees how far the value is from it.
 */
export function chartGeometry(points: readonly TrendPoint[], limit: number | null, width: number, height: number, pad = 8, until?: number): ChartGeometry | null {
  if (points.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const p of points) {
    min = Math.min(min, p.value);
    max = Math.max(max, p.value);
  }
  if (limit !== null) {
    min = Math.min(min, limit);
    max = Math.max(max, limit);
  }
  const margin = (max - min) * 0.1 || Math.abs(max) * 0.1 || 1;
  min -= margin;
  max += margin;
  const t0 = points[0]!.ts;
  const last = points[points.length - 1]!.ts;
  // The last reading holds until `until` (now): the time axis ends at the present, not at the last message.
  const t1 = until !== undefined && until > last ? until : last;
  const x = (ts: number) => pad + ((ts - t0) / (t1 - t0 || 1)) * (width - 2 * pad);
  const y = (v: number) => height - pad - ((v - min) / (max - min)) * (height - 2 * pad);
  // Steps, not slopes: a reading holds until the next one, so a sparse series (a crane that
  // reports on change) is not drawn as a ramp that never happened.
  const steps = points.map((p, i) => (i ? `H${x(p.ts).toFixed(1)}V${y(p.value).toFixed(1)}` : `M${x(p.ts).toFixed(1)},${y(p.value).toFixed(1)}`)).join('');
  const path = points.length === 1 && t1 === t0 ? `M${pad},${y(points[0]!.value).toFixed(1)}H${width - pad}` : t1 > last ? `${steps}H${x(t1).toFixed(1)}` : steps;
  return { path, limitY: limit === null ? null : y(limit), min, max, t0, t1 };
}
