import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartLimit, HistoryPoint } from '../../../../../electron/common/api.js';
import { useDevice, useDeviceIds } from '../../../state/site-state-hooks.js';
import { useDeviceAlarmMark } from '../../../state/device-alarm.js';
import { DeviceAlarmTag, StatusTag } from '../../overview/DeviceCard.js';
import { siteDayStart } from './site-day.js';
import { TodayTrend } from './TodayTrend.js';
import type { PanelProps } from './panel-props.js';

/** Dust figures: PM10 and PM2.5 always, TSP where the preset limits it. */
const POLLUTANTS = [
  { metric: 'pm10', label: 'PM10', always: true },
  { metric: 'pm25', label: 'PM2.5', always: true },
  { metric: 'tsp', label: 'TSP', always: false },
] as const;

/** Today's series are read again each minute (1-minute rollups: nothing newer to draw before). */
const TREND_REFRESH_MS = 60_000;

/**
 * Construction noise limits at the site boundary, GB 12523-2011 §4.1: 70 dB(A) by day, 55 at night
 * (22:00–06:00); shown when the site file sets no noise limit of its own.
 */
const NOISE_DAY_DB = 70;
const NOISE_NIGHT_DB = 55;

/** Dust and noise monitors: PM10, PM2.5 (TSP where limited) and noise now against their limits, and today's trend of the limited pollutant with its limit line. */
export function EnvironmentPanel({ client, state, alarms, options, timeZone }: PanelProps) {
  const { t } = useTranslation();
  const ids = useDeviceIds(state);
  const chosen = options.devices?.length ? options.devices : ids.filter((id) => state.devices.get(id)?.kind === 'dust');
  if (chosen.length === 0) return <p className="wall-panel-message">{t('wall.noDevices')}</p>;
  return (
    <ul className="wall-env">
      {chosen.map((id) => (
        <Monitor key={id} id={id} client={client} state={state} alarms={alarms} timeZone={timeZone} />
      ))}
    </ul>
  );
}

function Monitor({ id, client, state, alarms, timeZone }: Pick<PanelProps, 'client' | 'state' | 'alarms' | 'timeZone'> & { id: string }) {
  const { t } = useTranslation();
  const device = useDevice(state, id);
  const mark = useDeviceAlarmMark(alarms, id);
  const [limits, setLimits] = useState<ChartLimit[]>([]);
  const [today, setToday] = useState<{ from: number; to: number; points: HistoryPoint[] } | null>(null);
  // The trend follows the pollutant the site's dust preset limits (TSP in some cities, PM10 in others).
  const trendMetric = POLLUTANTS.find((p) => lowest(limits, p.metric) !== null)?.metric ?? 'pm10';
  useEffect(() => {
    let cancelled = false;
    client.call('getDeviceDetail', { id }).then(
      (detail) => !cancelled && setLimits(detail.limits),
      () => undefined,
    );
    const load = () => {
      const to = Date.now();
      const from = siteDayStart(to, timeZone);
      client.call('getHistory', { deviceId: id, metric: trendMetric, from: new Date(from).toISOString(), to: new Date(to).toISOString(), maxPoints: 96 }).then(
        (series) => !cancelled && setToday({ from, to: from + 86_400_000, points: series.points }),
        () => undefined,
      );
    };
    load();
    const timer = setInterval(load, TREND_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [client, id, timeZone, trendMetric]);
  if (!device) return null;
  const values = device.lastValues ?? {};
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hour12: false }).format(new Date())) % 24;
  const noiseLimit = lowest(limits, 'noiseDb') ?? (hour >= 22 || hour < 6 ? NOISE_NIGHT_DB : NOISE_DAY_DB);
  return (
    <li className={`wall-device wall-monitor status-${device.status}${mark ? ` alarm-open alarm-${mark.priority}` : ''}`} data-testid={`wall-env-${id}`}>
      <header>
        <a href={`#/devices/${encodeURIComponent(id)}`} className="wall-device-name">
          {device.name}
        </a>
        <StatusTag status={device.status} />
        {mark && <DeviceAlarmTag deviceId={id} priority={mark.priority} unacked={mark.unacked} />}
      </header>
      <dl className="wall-figures">
        {POLLUTANTS.filter((p) => p.always || lowest(limits, p.metric) !== null).map((p) => (
          <Figure key={p.metric} label={p.label} value={values[p.metric]} unit="µg/m³" limit={lowest(limits, p.metric)} t={t} />
        ))}
        <Figure label={t('field.noiseDb')} value={values.noiseDb} unit="dB(A)" digits={1} limit={noiseLimit} t={t} />
      </dl>
      <TodayTrend points={today?.points ?? []} from={today?.from ?? 0} to={today?.to ?? 1} limit={lowest(limits, trendMetric)} label={t('wall.today', { name: device.name, metric: POLLUTANTS.find((p) => p.metric === trendMetric)?.label ?? trendMetric })} />
    </li>
  );
}

function lowest(limits: ChartLimit[], metric: string): number | null {
  const values = limits.filter((l) => l.metric === metric).map((l) => l.value);
  return values.length ? Math.min(...values) : null;
}

function Figure({ label, value, unit, limit, digits = 0, t }: { label: string; value: unknown; unit: string; limit: number | null; digits?: number; t: (key: string, o?: Record<string, unknown>) => string }) {
  const number = typeof value === 'number' ? value : null;
  const over = number !== null && limit !== null && number > limit;
  return (
    <div className={over ? 'over' : undefined}>
      <dt>{label}</dt>
      <dd>
        {number === null ? '—' : `${number.toFixed(digits)} ${unit}`}
        {limit !== null && <span className="wall-limit"> / {t('wall.limit', { limit: limit.toFixed(digits) })}</span>}
      </dd>
    </div>
  );
}
