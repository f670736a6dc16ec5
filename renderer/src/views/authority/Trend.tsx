import { useState } from 'react';
import type { AuthoritySiteDay } from '../../../../electron/common/api/authority.js';
import type { SiteSummaryBody } from '../../../../electron/common/supervision.js';

/** A site's trend over its last 30 site days (site_day: the last summary of each day). */
const SERIES: { zh: string; value: (b: SiteSummaryBody) => number | null; rate?: boolean }[] = [
  { zh: '未闭合报警', value: (b) => b.openAlarms.critical + b.openAlarms.high + b.openAlarms.medium + b.openAlarms.low },
  { zh: '在场人数', value: (b) => b.headcount },
  { zh: '出勤率', value: (b) => b.attendanceRate, rate: true },
  { zh: '扬尘达标率', value: (b) => b.dustComplianceRate, rate: true },
  { zh: '逾期整改', value: (b) => b.overdueRectifications },
  { zh: '设备离线', value: (b) => b.devicesOffline },
];

export function Trend({ days }: { days: AuthoritySiteDay[] }) {
  const [index, setIndex] = useState(0);
  const series = SERIES[index]!;
  const W = 640;
  const H = 180;
  const points = days.map((d) => ({ day: d.day, v: series.value(d.body) })).filter((p): p is { day: string; v: number } => p.v !== null);
  const max = Math.max(series.rate ? 1 : 1, ...points.map((p) => p.v));
  const x = (i: number) => 40 + (i * (W - 60)) / Math.max(1, points.length - 1);
  const y = (v: number) => H - 24 - (v / max) * (H - 44);
  const label = (v: number) => (series.rate ? `${Math.round(v * 100)}%` : String(v));
  return (
    <section className="au-panel au-trend" data-testid="au-trend">
      <header>
        <h3>趋势（近 30 天）</h3>
        <select value={index} onChange={(e) => setIndex(Number(e.target.value))} aria-label="指标">
          {SERIES.map((s, i) => (
            <option key={s.zh} value={i}>
              {s.zh}
            </option>
          ))}
        </select>
      </header>
      {points.length === 0 ? (
        <p className="au-dim">暂无日数据</p>
      ) : (
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${series.zh}趋势`}>
          <line x1="40" y1={H - 24} x2={W - 20} y2={H - 24} className="au-axis" />
          <text x="4" y={y(max) + 4} className="au-tick">
            {label(max)}
          </text>
          <text x="4" y={H - 20} className="au-tick">
            0
          </text>
          <polyline points={points.map((p, i) => `${x(i).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')} className="au-line" />
          {points.map((p, i) => (
            <circle key={p.day} cx={x(i)} cy={y(p.v)} r="3" className="au-dot">
              <title>{`${p.day}: ${label(p.v)}`}</title>
            </circle>
          ))}
          <text x="40" y={H - 4} className="au-tick">
            {points[0]!.day}
          </text>
          <text x={W - 20} y={H - 4} textAnchor="end" className="au-tick">
            {points[points.length - 1]!.day}
          </text>
        </svg>
      )}
    </section>
  );
}
