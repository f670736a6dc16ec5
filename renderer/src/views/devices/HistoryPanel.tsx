import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartLimit } from '../../../../electron/common/api.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import { type SiteState } from '../../state/site-state.js';
import { useDevice } from '../../state/site-state-hooks.js';
import type { ApiClient } from '../../transport/api-client.js';
import { HistoryChart, type TimeWindow } from './HistoryChart.js';

export const RANGES = { hour: 3600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;
export type RangeName = keyof typeof RANGES;

/**
 * How often a live (not zoomed) window moves on: about one bucket of the chart, so a re-query
 * always brings a new point. Driven by the device's pushed readings, not by a timer.
 */
const LIVE_STEP_MS: Record<RangeName, number> = { hour: 15_000, day: 5 * 60_000, week: 30 * 60_000 };

/** All history charts of one device on one shared time window: range buttons, drag-zoom, back. */
export function HistoryPanel({ client, site, deviceId, metrics, limits, timeZone }: { client: ApiClient; site: SiteState; deviceId: string; metrics: string[]; limits: ChartLimit[]; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const device = useDevice(site, deviceId);
  const [range, setRange] = useState<RangeName>('hour');
  const [zooms, setZooms] = useState<TimeWindow[]>([]);
  const zoom = zooms[zooms.length - 1];
  // When the operator opened the panel or went back to a live window (a range, zoom back): the
  // "now" of a live window until readings move it on, read in the click, never while rendering.
  const [chosenAt, setChosenAt] = useState(() => Date.now());
  const goLive = (nextRange: RangeName, nextZooms: TimeWindow[], at: number) => {
    setRange(nextRange);
    setZooms(nextZooms);
    setChosenAt(at);
  };
  // A live window ends at the last step boundary after the device's latest reading (or now).
  const step = LIVE_STEP_MS[range];
  const liveEnd = Math.ceil(Math.max(chosenAt - step, device?.lastSeen ?? 0) / step) * step;
  const window: TimeWindow = zoom ?? { from: liveEnd - RANGES[range], to: liveEnd };

  return (
    <section className="panel history-panel" aria-labelledby="history-heading">
      <div className="history-toolbar">
        <h2 id="history-heading">{t('devices.history')}</h2>
        <div className="range-buttons" role="group" aria-label={t('devices.history')}>
          {(Object.keys(RANGES) as RangeName[]).map((name) => (
            <button
              key={name}
              type="button"
              className={!zoom && range === name ? 'active' : ''}
              aria-pressed={!zoom && range === name}
              data-testid={`range-${name}`}
              onClick={() => goLive(name, [], Date.now())}
            >
              {t(`devices.range.${name}`)}
            </button>
          ))}
        </div>
        {zoom ? (
          <span className="zoom-state" data-testid="zoom-state">
            {t('devices.zoomed', { from: formatSiteTime(zoom.from, timeZone, i18n.language, true), to: formatSiteTime(zoom.to, timeZone, i18n.language, true) })}
            <button type="button" onClick={() => goLive(range, zooms.slice(0, -1), Date.now())} data-testid="zoom-back">
              {t('devices.zoomBack')}
            </button>
            <button type="button" onClick={() => goLive(range, [], Date.now())}>
              {t('devices.zoomReset')}
            </button>
          </span>
        ) : (
          <span className="hint">{t('devices.zoomHint')}</span>
        )}
        <span className="hint time-zone">{t('devices.timeAxis', { zone: timeZone })}</span>
      </div>
      <div className="history-grid-charts">
        {metrics.map((metric) => (
          <HistoryChart
            key={metric}
            client={client}
            deviceId={deviceId}
            metric={metric}
            window={window}
            refreshKey={zoom ? 0 : liveEnd}
            limits={limits.filter((l) => l.metric === metric)}
            timeZone={timeZone}
            onZoom={(w) => setZooms([...zooms, w])}
          />
        ))}
      </div>
    </section>
  );
}
