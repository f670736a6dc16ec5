import { useTranslation } from 'react-i18next';
import { daysText, hoursText, type Ledger } from '../../../../../electron/common/attendance.js';

/**
 * One team's rows of the ledger: day marks 1…N, days, hours, flags (a flagged mark carries `*`
 * and the row names the flags in words, so no colour is needed to read it).
 */
export function LedgerTable({ ledger, teamKey }: { ledger: Ledger; teamKey: string | null }) {
  const { t } = useTranslation();
  const rows = ledger.rows.filter((r) => teamKey === null || `${r.company}\u0000${r.team}` === teamKey);
  const days = Array.from({ length: ledger.daysInMonth }, (_, i) => i + 1);
  return (
    <div className="ledger-scroll">
      <table className="ledger-table" data-testid="ledger-table">
        <thead>
          <tr>
            <th>{t('attendance.team')}</th>
            <th>{t('attendance.name')}</th>
            <th>{t('attendance.idNumber')}</th>
            <th>{t('attendance.trade')}</th>
            {days.map((d) => (
              <th key={d} className="day">
                {d}
              </th>
            ))}
            <th>{t('attendance.days')}</th>
            <th>{t('attendance.hours')}</th>
            <th>{t('attendance.flags')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.membershipId}>
              <td>{r.team}</td>
              <td className="name">{r.name}</td>
              <td className="mono">{r.idMasked}</td>
              <td>{r.trade}</td>
              {r.marks.map((m, i) => (
                <td key={i} className={`day mark${m.endsWith('*') ? ' flagged' : ''}`}>
                  {m}
                </td>
              ))}
              <td className="num">{daysText(r.halfDays)}</td>
              <td className="num">{hoursText(r.totalMinutes)}</td>
              <td className="flags">{r.flags.map((f) => t(`attendance.flag.${f}`)).join('、')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
