import { useTranslation } from 'react-i18next';
import { daysText, hoursText, yuanOf, type Ledger, type PaySheet } from '../../../../../electron/common/attendance.js';

/** Per team: workers, days, hours and (for roles that see pay) the amount due; a click shows the team's rows. */
export function TeamTotals({ ledger, pay, selected, onSelect }: { ledger: Ledger; pay: PaySheet | null; selected: string | null; onSelect: (key: string | null) => void }) {
  const { t } = useTranslation();
  const amountOf = (company: string, team: string | null) => pay?.teams.find((p) => p.company === company && p.team === team)?.amountFen;
  return (
    <table className="team-totals" data-testid="team-totals">
      <thead>
        <tr>
          <th>{t('attendance.company')}</th>
          <th>{t('attendance.team')}</th>
          <th className="num">{t('attendance.workers')}</th>
          <th className="num">{t('attendance.days')}</th>
          <th className="num">{t('attendance.hours')}</th>
          {pay && <th className="num">{t('attendance.amount')}</th>}
          <th />
        </tr>
      </thead>
      <tbody>
        {ledger.teams.map((team) => {
          const key = `${team.company}\u0000${team.team}`;
          const amount = amountOf(team.company, team.team);
          return (
            <tr key={key} className={selected === key ? 'selected' : ''}>
              <td>{team.company}</td>
              <td>{team.team}</td>
              <td className="num">{team.workers}</td>
              <td className="num">{daysText(team.halfDays)}</td>
              <td className="num">{hoursText(team.totalMinutes)}</td>
              {pay && <td className="num">{amount === undefined ? '—' : yuanOf(amount)}</td>}
              <td>
                <button type="button" onClick={() => onSelect(selected === key ? null : key)} aria-pressed={selected === key}>
                  {t('attendance.showTeam')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th colSpan={2}>{t('attendance.total')}</th>
          <th className="num">{new Set(ledger.rows.map((r) => r.workerId)).size}</th>
          <th className="num">{daysText(ledger.halfDays)}</th>
          <th className="num">{hoursText(ledger.totalMinutes)}</th>
          {pay && (
            <th className="num" data-testid="pay-total">
              {yuanOf(pay.amountFen)}
            </th>
          )}
          <th />
        </tr>
      </tfoot>
    </table>
  );
}
