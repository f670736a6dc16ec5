import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportView } from '../../../../electron/common/api.js';
import { REPORT_KINDS, REPORT_MAKERS, type ReportKind } from '../../../../electron/common/reports.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import { PACKAGE_MAKERS } from '../../../../electron/common/data-package.js';
import type { ViewProps } from '../view-props.js';
import './reports.css';
import './strings.js';
import { useReports } from './use-reports.js';
import { DataPackagesSection } from './DataPackagesSection.js';

/** Yesterday in the site's time zone (the daily report's usual day). */
function yesterdayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() - 86_400_000);
}

function sizeText(r: ReportView): string {
  const bytes = r.files.reduce((s, f) => s + f.bytes, 0);
  return bytes === 0 ? '—' : bytes < 1_048_576 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** Reports: the daily site report (施工日志/安全日志), weekly and monthly, as PDF and XLSX — listed, made on demand, downloaded. */
export function ReportsView({ client, session, timeZone }: ViewProps) {
  const { t } = useTranslation();
  const { reports, error, request } = useReports(client);
  const [kind, setKind] = useState<ReportKind>('daily');
  const [day, setDay] = useState(() => yesterdayIn(timeZone));
  const canMake = REPORT_MAKERS.includes(session.role);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void request(kind, day);
  };
  const stateText = (r: ReportView) =>
    r.state === 'gathering' ? t('reports.state.gathering', { k: r.section, n: r.sections }) : t(`reports.state.${r.state}`);
  return (
    <main className="reports-view" data-testid="reports-view">
      <h2>{t('reports.heading')}</h2>
      {canMake ? (
        <form className="report-form" onSubmit={submit} aria-label={t('reports.make')}>
          <h3>{t('reports.make')}</h3>
          <label>
            {t('reports.kind')}
            <select value={kind} onChange={(e) => setKind(e.target.value as ReportKind)} data-testid="report-kind">
              {REPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`reports.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('reports.date')}
            <input type="date" value={day} onChange={(e) => setDay(e.target.value)} data-testid="report-date" required />
          </label>
          <button type="submit" data-testid="report-make">
            {t('reports.submit')}
          </button>
          <span className="report-hint">{t('reports.hint')}</span>
        </form>
      ) : (
        <p className="report-hint">{t('reports.viewerNote')}</p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="report-error">
          {error}
        </p>
      )}
      {reports && reports.length === 0 && <p className="report-hint">{t('reports.empty')}</p>}
      {reports && reports.length > 0 && (
        <table className="report-list">
          <thead>
            <tr>
              <th>{t('reports.kind')}</th>
              <th>{t('reports.period')}</th>
              <th>{t('reports.madeAt')}</th>
              <th>{t('reports.madeBy')}</th>
              <th className="num">{t('reports.size')}</th>
              <th>{t('reports.state')}</th>
              <th>{t('reports.files')}</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id} data-testid="report-row" data-state={r.state}>
                <td>{t(`reports.kind.${r.kind}`)}</td>
                <td>{r.from === r.to ? r.from : `${r.from} ～ ${r.to}`}</td>
                <td>{formatSiteTime(r.finishedAt ?? r.requestedAt, timeZone, 'zh-CN', true)}</td>
                <td>{r.madeBy === 'schedule' ? t('reports.schedule') : r.madeBy}</td>
                <td className="num">{sizeText(r)}</td>
                <td className={`report-state ${r.state}`} data-testid="report-state">
                  {stateText(r)}
                  {(r.state === 'gathering' || r.state === 'rendering' || r.state === 'queued') && (
                    <progress max={r.sections + 1 || 1} value={r.state === 'rendering' ? r.sections : Math.max(0, r.section - 1)} />
                  )}
                  {r.state === 'failed' && r.error && <div className="report-error">{r.error}</div>}
                </td>
                <td className="report-files">
                  {r.downloads.pdf && (
                    <a href={r.downloads.pdf} download data-testid="download-pdf">
                      PDF
                    </a>
                  )}
                  {r.downloads.xlsx && (
                    <a href={r.downloads.xlsx} download data-testid="download-xlsx">
                      XLSX
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {PACKAGE_MAKERS.includes(session.role) && <DataPackagesSection client={client} session={session} timeZone={timeZone} />}
    </main>
  );
}
