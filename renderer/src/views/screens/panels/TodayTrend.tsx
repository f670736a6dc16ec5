import type { HistoryPoint } from '../../../../../electron/common/api.js';

/**
 * Today's series on a fixed 0–24 h axis (the empty rest of the day says what time it is) with the
 * limit as a dashed line; grey, no colour (colour is for alarms). Redrawn only when data changes.
 */
export function TodayTrend({ points, from, to, limit, label }: { points: HistoryPoint[]; from: number; to: number; limit: number | null; label: string }) {
  const width = 240;
  const height = 48;
  const top = Math.max(limit ?? 0, ...points.map((p) => p.max), 1) * 1.1;
  const x = (t: number) => (((t - from) / (to - from)) * width).toFixed(1);
  const y = (v: number) => (height - (v / top) * height).toFixed(1);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.t)},${y(p.avg)}`).join('');
  return (
    <svg className="wall-today" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={label}>
      {[6, 12, 18].map((h) => (
        <line key={h} className="hour" x1={(h / 24) * width} x2={(h / 24) * width} y1={0} y2={height} />
      ))}
      {limit !== null && <line className="limit" x1={0} x2={width} y1={y(limit)} y2={y(limit)} />}
      {path && <path d={path} />}
    </svg>
  );
}
