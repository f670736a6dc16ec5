import './attendance/strings.js';
import './attendance/attendance.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTENDANCE_MAKERS, PAY_READERS } from '../../../../electron/common/api.js';
import { ExportBar } from './attendance/ExportBar.js';
import { LedgerTable } from './attendance/LedgerTable.js';
import { MonthStatus } from './attendance/MonthStatus.js';
import { TeamTotals } from './attendance/TeamTotals.js';
import { useAttendanceMonth } from './attendance/use-attendance-month.js';
import { useDocumentJobs } from './attendance/use-document-jobs.js';
import type { WorkforceTabProps } from './WorkforceView.js';

/** This month in the site's time zone, `YYYY-MM`. */
function siteMonth(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
}

/**
 * `#/workforce/attendance[/YYYY-MM]`: the month's ledger by team (day marks and flags), the pay
 * sheet's totals for roles that see pay, documents (XLSX, PDF) with progress, and closing the
 * month with its ledger hash.
 */
export function AttendanceTab({ client, session, timeZone, param }: WorkforceTabProps) {
  const { t } = useTranslation();
  const current = siteMonth(timeZone);
  const month = param && /^\d{4}-\d{2}$/.test(param) ? param : current;
  const canPay = PAY_READERS.includes(session.role);
  const canMake = ATTENDANCE_MAKERS.includes(session.role);
  const data = useAttendanceMonth(client, month, canPay);
  const docs = useDocumentJobs(client);
  const [team, setTeam] = useState<string | null>(null);
  const selected = team ?? (data.ledger?.teams[0] ? `${data.ledger.teams[0].company}\u0000${data.ledger.teams[0].team}` : null);
  return (
    <section className="panel attendance-tab" data-testid="workforce-attendance">
      <header>
        <h2>{t('attendance.heading')}</h2>
        <label>
          {t('attendance.month')}{' '}
          <input type="month" value={month} max={current} onChange={(e) => e.target.value && (window.location.hash = `#/workforce/attendance/${e.target.value}`)} data-testid="attendance-month" />
        </label>
        {data.loading && <span>{t('attendance.loading')}</span>}
      </header>
      {data.error && <p className="form-error">{data.error}</p>}
      {data.ledger && (
        <>
          <div className="attendance-columns">
            <div>
              {data.ledger.rows.length === 0 ? <p>{t('attendance.noRows')}</p> : <TeamTotals ledger={data.ledger} pay={data.pay} selected={selected} onSelect={setTeam} />}
              {data.pay && data.pay.withoutRate > 0 && <p className="attendance-legend">{t('attendance.withoutRate', { n: data.pay.withoutRate })}</p>}
            </div>
            <div>
              <MonthStatus client={client} ledger={data.ledger} canClose={canMake} isPast={month < current} onClosed={data.reload} />
              {canMake && <ExportBar jobs={docs.jobs} onRequest={(kind, format) => docs.request(month, kind, format)} canPay={canPay} error={docs.error} />}
            </div>
          </div>
          <p className="attendance-legend">{t('attendance.legend')}</p>
          {data.ledger.rows.length > 0 && <LedgerTable ledger={data.ledger} teamKey={selected} />}
        </>
      )}
    </section>
  );
}
