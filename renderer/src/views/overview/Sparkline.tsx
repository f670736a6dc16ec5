import { useEffect, useState } from 'react';
import type { TrendBuffer } from '../../state/trend-buffer.js';

/** A small trend beside a value; redraws at most once a second (motion is for alarms, not decoration). */
export function Sparkline({ buffer, label }: { buffer: TrendBuffer; label: string }) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const points = buffer.toArray();
  if (points.length < 2) return <svg className="sparkline" aria-label={label} />;
  const width = 160;
  const height = 36;
  const t0 = points[0]!.ts;
  const t1 = points[points.length - 1]!.ts;
  let min = Infinity;
  let max = -Infinity;
  for (const p of points) {
    min = Math.min(min, p.value);
    max = Math.max(max, p.value);
  }
  const span = max - min || 1;
  const path = points
    .map((p, i) => `${i ? 'L' : 'M'}${(((p.ts - t0) / (t1 - t0 || 1)) * width).toFixed(1)},${(height - 2 - ((p.value - min) / span) * (height - 4)).toFixed(1)}`)
    .join('');
  return (
    <svg className="sparkline" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <path d={path} />
    </svg>
  );
}
