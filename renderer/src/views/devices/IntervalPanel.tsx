import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntervalKind, IntervalSeries, IntervalValue } from '../../../../electron/common/intervals.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import type { ApiClient } from '../../transport/api-client.js';

/** Pollutant codes shown as columns, in this order, with their unit; others are left out. */
const COLUMNS: ReadonlyArray<{ codes: readonly string[]; label: string; unit: string; digits: number }> = [
  { codes: ['a34002'], label: 'PM10', unit: 'µg/m³', digits: 0 },
  { codes: ['a34004'], label: 'PM2.5', unit: 'µg/m³', digits: 0 },
  { codes: ['a34001'], label: 'TSP', unit: 'µg/m³', digits: 0 },
  { codes: ['Leq', 'a50001', 'LA'], label: 'noise', unit: 'dB(A)', digits: 1 },
  { codes: ['a01007'], label: 'wind', unit: 'm/s', digits: 1 },
];
const KINDS: readonly IntervalKind[] = ['hour', 'minute', 'day'];
/** Newest rows shown; the API serves the whole window for exports and reports. */
const ROWS_SHOWN = 48;

/**
 * The monitor's own minute / hour / day means (HJ 212 CN 2051 / 2061 / 2031), as it sent them:
 * what regional dust rules judge (hourly PM10), kept apart from the live values above. Each cell
 * is the mean with the interval's min–max; a value the monitor flagged (maintenance, calibration,
 * fault…) shows its flag, since compliance statistics leave it out.
 */
export function IntervalPanel({ client, deviceId, timeZone }: { client: ApiClient; deviceId: string; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<IntervalKind>('hour');
  const [series, setSeries] = useState<IntervalSeries | null>(null);
  // A failure is kept with the request that failed: another device or kind starts without one.
  const [failure, setFailure] = useState<{ client: ApiClient; deviceId: string; kind: IntervalKind; message: string } | null>(null);
  const error = failure && failure.client === client && failure.deviceId === deviceId && failure.kind === kind ? failure.message : null;

  useEffect(() => {
    let live = true;
    const load = () =>
      client.call('getDeviceIntervals', { id: deviceId, kind }).then(
        (s) => live && (setSeries(s), setFailure(null)),
        (e: Error) => live && setFailure({ client, deviceId, kind, message: e.message }),
      );
    void load();
    // New intervals close every minute at most: a minute's poll keeps the table current.
    const timer = setInterval(load, 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, deviceId, kind]);

  const records = series?.kind === kind ? [...series.records].reverse().slice(0, ROWS_SHOWN) : [];
  const columns = COLUMNS.filter((c) => records.some((r) => r.values.some((v) => c.codes.includes(v.code))));

  return (
    <section className="panel interval-panel" aria-labelledby="intervals-heading" data-testid="interval-panel">
      <div className="history-toolbar">
        <h2 id="intervals-heading">{t('devices.intervals.heading')}</h2>
        <div className="range-buttons" role="group" aria-label={t('devices.intervals.heading')}>
          {KINDS.map((k) => (
            <button key={k} type="button" className={kind === k ? 'active' : ''} aria-pressed={kind === k} data-testid={`intervals-${k}`} onClick={() => setKind(k)}>
              {t(`devices.intervals.kind.${k}`)}
            </button>
          ))}
        </div>
      </div>
      {error && <p className="form-error">⚠ {error}</p>}
      {!error && series?.kind === kind && records.length === 0 && <p className="hint">{t('devices.intervals.none')}</p>}
      {records.length > 0 && (
        <table className="registry-table interval-table">
          <thead>
            <tr>
              <th>{t('devices.intervals.start')}</th>
              {columns.map((c) => (
                <th key={c.label}>
                  {c.label === 'noise' || c.label === 'wind' ? t(`devices.intervals.${c.label}`) : c.label} ({c.unit})
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.dataTime}>
                <td>{formatSiteTime(r.dataTime, timeZone, i18n.language, true)}</td>
                {columns.map((c) => (
                  <td key={c.label}>{cell(r.values.find((v) => c.codes.includes(v.code)), c.digits, t)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function cell(value: IntervalValue | undefined, digits: number, t: (key: string, options?: Record<string, unknown>) => string) {
  if (!value || value.avg === null) return '—';
  const range = value.min !== null && value.max !== null ? ` (${value.min.toFixed(digits)}–${value.max.toFixed(digits)})` : '';
  const flagged = value.flag !== null && value.flag !== 'N';
  return (
    <span className={flagged ? 'interval-flagged' : undefined} title={flagged ? t('devices.intervals.flagged', { flag: value.flag }) : undefined}>
      <strong>{value.avg.toFixed(digits)}</strong>
      {range}
      {flagged && ` ⚑${value.flag}`}
    </span>
  );
}
