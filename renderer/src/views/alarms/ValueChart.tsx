import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alarm } from '../../../../electron/common/alarms.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import { type SiteState } from '../../state/site-state.js';
import { useDevice } from '../../state/site-state-hooks.js';
import { useNow } from '../../state/use-clock.js';
import type { ApiClient } from '../../transport/api-client.js';
import { useUnitWord } from './AlarmBits.js';
import { formatMeasure, metricForAlarm } from './alarm-format.js';
import { chartGeometry, type TrendPoint } from './chart-geometry.js';

const MAX_POINTS = 3000;
const WIDTH = 900;
const HEIGHT = 240;

/**
 * The source device's value over the last hour (from the core's telemetry store), extended live
 * from pushed readings, with the alarm limit drawn as a dashed line (level-3 trend, ISA-101).
 */
export function ValueChart({ alarm, site, client, timeZone }: { alarm: Alarm; site: SiteState; client: ApiClient; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const unitWord = useUnitWord();
  const { conditionKey, sourceDevice } = alarm;
  // The metric follows the condition key: one object per alarm point, so the fetch below runs
  // again only when the point changes.
  const metric = useMemo(() => metricForAlarm({ conditionKey, sourceDevice }), [conditionKey, sourceDevice]);
  const device = useDevice(site, alarm.sourceDevice);
  const [points, setPoints] = useState<TrendPoint[]>([]);
  const [error, setError] = useState<string | null>(null);
  // The axis ends at the present; advance it every few seconds (a quiet step, not an animation).
  const now = useNow(5000);

  useEffect(() => {
    if (!metric) return;
    let cancelled = false;
    client.call('getTelemetry', { deviceId: sourceDevice, limit: 2000 }).then(
      (records) => {
        if (cancelled) return;
        const loaded: TrendPoint[] = [];
        for (const r of records) {
          const value = metric.read(r.values as unknown as Record<string, unknown>);
          if (value !== null) loaded.push({ ts: r.ts, value });
        }
        setPoints((live) => [...loaded, ...live.filter((p) => p.ts > (loaded[loaded.length - 1]?.ts ?? 0))]);
      },
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [client, sourceDevice, metric]);

  // Live readings arrive through the site store (pushed, no polling): each new reading is added
  // while rendering it (React's "adjusting state when a prop changes"), not one render later.
  const lastSeen = device?.lastSeen ?? null;
  const [addedAt, setAddedAt] = useState<number | null>(null);
  if (lastSeen !== addedAt) {
    setAddedAt(lastSeen);
    const value = metric && device?.lastValues && lastSeen !== null ? metric.read(device.lastValues) : null;
    if (value !== null && lastSeen !== null) {
      setPoints((prev) => {
        const last = prev[prev.length - 1];
        if (last && last.ts >= lastSeen) return prev;
        const next = [...prev, { ts: lastSeen, value }];
        return next.length > MAX_POINTS ? next.slice(next.length - MAX_POINTS) : next;
      });
    }
  }

  if (!metric) return <p className="hint">{t('alarm.detail.noTrend')}</p>;
  const geometry = chartGeometry(points, alarm.limit, WIDTH, HEIGHT, 8, now);
  const label = t('alarm.detail.trend', { field: t(`field.${metric.field}`, { defaultValue: metric.field }) });
  return (
    <figure className="value-chart" data-testid="value-chart">
      <figcaption>
        {label}
        {alarm.limit !== null && (
          <span className="legend">
            <span className="legend-limit" aria-hidden>
              ┅
            </span>{' '}
            {t('alarm.limit', { limit: formatMeasure(alarm.limit, alarm.unit, unitWord) })}
          </span>
        )}
      </figcaption>
      {error && <p className="form-error">⚠ {t('alarm.error.generic', { message: error })}</p>}
      {geometry ? (
        <div className="chart-body">
          <div className="chart-y">
            <span>{formatMeasure(geometry.max, alarm.unit, unitWord)}</span>
            <span>{formatMeasure(geometry.min, alarm.unit, unitWord)}</span>
          </div>
          <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={label}>
            <rect x="0" y="0" width={WIDTH} height={HEIGHT} className="chart-bg" />
            {geometry.limitY !== null && <line className="chart-limit" x1="0" x2={WIDTH} y1={geometry.limitY} y2={geometry.limitY} data-testid="chart-limit" />}
            <path className="chart-line" d={geometry.path} />
          </svg>
          <div className="chart-x">
            <span>{formatSiteTime(geometry.t0, timeZone, i18n.language)}</span>
            <span>{formatSiteTime(geometry.t1, timeZone, i18n.language)}</span>
          </div>
        </div>
      ) : (
        <p className="hint">{t('alarm.detail.noData')}</p>
      )}
    </figure>
  );
}
