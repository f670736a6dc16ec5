import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatPeriodRequest, StatRecords } from '../../../../electron/common/statistics.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import type { ApiClient } from '../../transport/api-client.js';
import type { DrillTarget } from './FigureCard.js';

/** Columns holding UTC epoch ms, shown in the site's time. */
const TIME_COLUMNS = new Set(['raisedAt', 'startedAt', 'endedAt', 'hour', 'firstIn', 'at']);

/** The records behind a clicked bar; alarm ids open the alarm (`#/alarms/ID`). Keyed by its target, so a new bar starts empty. */
export function RecordsPanel({ client, period, target, timeZone, onClose }: { client: ApiClient; period: StatPeriodRequest; target: DrillTarget; timeZone: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [records, setRecords] = useState<StatRecords | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client
      .call('getStatisticsRecords', { figure: target.figure, ...period, row: target.row, ...(target.column ? { column: target.column } : {}) })
      .then((r) => live && setRecords(r))
      .catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [client, period, target]);
  const cell = (key: string, value: string | number | null) => {
    if (value === null) return '—';
    if (key === 'alarmId') return <a href={`#/alarms/${encodeURIComponent(String(value))}`}>{value}</a>;
    if (TIME_COLUMNS.has(key) && typeof value === 'number') return formatSiteTime(value, timeZone, i18n.language, true);
    return String(value);
  };
  return (
    <section className="stat-records" data-testid="stat-records" aria-label={t('statistics.records.title', { figure: target.title, row: target.rowLabel })}>
      <header>
        <h3>{t('statistics.records.title', { figure: target.title, row: target.rowLabel })}{target.column ? ` · ${target.column}` : ''}</h3>
        <button type="button" onClick={onClose}>{t('statistics.records.close')}</button>
      </header>
      {error && <p className="stat-error" role="alert">{error}</p>}
      {records && records.rows.length === 0 && <p className="stat-dim">{t('statistics.records.none')}</p>}
      {records && records.rows.length > 0 && (
        <div className="stat-records-scroll">
          <table>
            <thead>
              <tr>{records.columns.map((c) => <th key={c.key}>{c.label}{c.unit ? ` (${c.unit})` : ''}</th>)}</tr>
            </thead>
            <tbody>
              {records.rows.map((row, i) => (
                <tr key={i} data-testid="stat-record-row">{records.columns.map((c) => <td key={c.key}>{cell(c.key, row[c.key] ?? null)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {records?.truncated && <p className="stat-dim">{t('statistics.records.truncated', { count: records.rows.length })}</p>}
    </section>
  );
}
