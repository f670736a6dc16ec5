import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartLimit, HistorySeries } from '../../../../electron/common/api.js';
import type { ApiClient } from '../../transport/api-client.js';
import { formatTick, historyGeometry, timeTicks, zoneOffsetMs } from './history-geometry.js';
import { metricFormat, metricLabel } from './metric-format.js';

const BOX = { width: 900, height: 220, left: 8, pad: 10 };
/** One point per 3 px of chart: more is not visible, fewer hides short peaks (min/max keep them anyway). */
const MAX_POINTS = 300;

export interface TimeWindow {
  from: number;
  to: number;
}

/**
 * One metric of one device over a window (level-3 trend, ISA-101): the min–max band of each
 * bucket with the mean as a line, the rule's limits as dashed lines with words, the time axis in
 * the site zone. Dragging across it asks the parent to zoom into that range.
 */
export function HistoryChart(props: {
  client: ApiClient;
  deviceId: string;
  metric: string;
  window: TimeWindow;
  /** Changes when the chart should re-query (new data arrived for a live window). */
  refreshKey: number;
  limits: ChartLimit[];
  timeZone: string;
  onZoom: (window: TimeWindow) => void;
}) {
  const { client, deviceId, metric, window, refreshKey, limits, timeZone, onZoom } = props;
  const { t, i18n } = useTranslation();
  const [series, setSeries] = useState<HistorySeries | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);

  useEffect(() => {
    let cancelled = false;
    client
      .call('getHistory', { deviceId, metric, from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), maxPoints: MAX_POINTS })
      .then(
        (s) => {
          if (cancelled) return;
          setSeries(s);
          setError(null);
        },
        (e: Error) => !cancelled && setError(e.message),
      );
    return () => {
      cancelled = true;
    };
  }, [client, deviceId, metric, window.from, window.to, refreshKey]);

  const format = metricFormat(metric);
  const unit = format.unit ? ` ${format.unit}` : '';
  const label = metricLabel(metric, t);
  const shown = series;
  const points = shown?.points ?? [];
  const g = historyGeometry(points, shown?.bucketMs ?? 60_000, window.from, window.to, limits.map((l) => l.value), BOX);
  const span = window.to - window.from;
  const ticks = timeTicks(window.from, window.to, zoneOffsetMs(window.from, timeZone));
  const latest = points[points.length - 1];

  const toSvgX = (clientX: number) => {
    const rect = svgRef.current?.getBoundingClientRect();
    return rect && rect.width ? ((clientX - rect.left) / rect.width) * BOX.width : 0;
  };
  const onDown = (e: PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const x = toSvgX(e.clientX);
    setDrag({ x0: x, x1: x });
  };
  const onMove = (e: PointerEvent<SVGSVGElement>) => drag && setDrag({ ...drag, x1: toSvgX(e.clientX) });
  const onUp = () => {
    if (!drag) return;
    const [a, b] = drag.x0 < drag.x1 ? [drag.x0, drag.x1] : [drag.x1, drag.x0];
    setDrag(null);
    // A click or a tiny twitch is not a zoom; nor is anything under a minute (below the raw data's use).
    const from = g.timeAt(a);
    const to = g.timeAt(b);
    if (b - a >= 6 && to - from >= 60_000) onZoom({ from: Math.round(from), to: Math.round(to) });
  };

  return (
    <figure className="history-chart" data-testid={`history-${metric}`} data-points={points.length} data-from={window.from} data-to={window.to}>
      <figcaption>
        <span className="history-title">
          {label}
          {format.unit && <span className="dim"> ({format.unit})</span>}
        </span>
        {latest && (
          <span className="history-latest">
            {latest.avg.toFixed(format.digits)}
            {unit}
          </span>
        )}
        {limits.map((l) => (
          <span key={l.value} className="history-limit-legend">
            <span aria-hidden>┅</span> {l.label}
          </span>
        ))}
      </figcaption>
      {error && <p className="form-error">⚠ {error}</p>}
      <div className="history-body">
        <div className="history-y" aria-hidden>
          {(points.length > 0 || limits.length > 0) && (
            <>
              <span>{g.yMax.toFixed(format.digits)}</span>
              <span>{((g.yMax + g.yMin) / 2).toFixed(format.digits)}</span>
              <span>{g.yMin.toFixed(format.digits)}</span>
            </>
          )}
        </div>
        <svg
          ref={svgRef}
          viewBox={`0 0 ${BOX.width} ${BOX.height}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`${label}: ${t('devices.zoomHint')}`}
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          onPointerCancel={() => setDrag(null)}
        >
          <rect x="0" y="0" width={BOX.width} height={BOX.height} className="chart-bg" />
          {ticks.map((tick) => (
            <line key={tick} className="history-grid" x1={g.x(tick)} x2={g.x(tick)} y1={BOX.pad} y2={BOX.height - BOX.pad} />
          ))}
          <path className="history-band" d={g.band} data-testid="history-band" />
          <path className="history-mean" d={g.mean} />
          {limits.map((l, i) => (
            <line key={l.value} className={`history-limit history-limit-${i}`} x1={BOX.left} x2={BOX.width - BOX.pad} y1={g.limitYs[i]} y2={g.limitYs[i]} data-testid="history-limit" />
          ))}
          {drag && <rect className="history-selection" x={Math.min(drag.x0, drag.x1)} y={0} width={Math.abs(drag.x1 - drag.x0)} height={BOX.height} />}
        </svg>
        <div className="history-x" aria-hidden>
          {ticks.map((tick) => (
            <span key={tick} style={{ left: `${(g.x(tick) / BOX.width) * 100}%` }}>
              {formatTick(tick, span, timeZone, i18n.language)}
            </span>
          ))}
        </div>
      </div>
      {series && points.length === 0 && <p className="hint history-empty">{t('devices.noData')}</p>}
      {!series && !error && <p className="hint history-empty">{t('devices.loading')}</p>}
    </figure>
  );
}
