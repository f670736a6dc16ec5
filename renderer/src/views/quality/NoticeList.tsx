import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeQuery, NoticeSummary, QualityAssignee } from '../../../../electron/common/api/quality.js';
import type { ApiClient } from '../../transport/api-client.js';
import { StateTag } from './StateTag.js';

const STATES = ['open', 'raised', 'rectifying', 'answered', 'closed', 'all'] as const;

/** 整改通知单 list: filters by state, company and overdue; a row opens the notice. */
export function NoticeList({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const [state, setState] = useState<(typeof STATES)[number]>('open');
  const [companyId, setCompanyId] = useState<number | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [rows, setRows] = useState<NoticeSummary[] | null>(null);
  const [companies, setCompanies] = useState<QualityAssignee[]>([]);
  useEffect(() => {
    void client.call('listQualityAssignees').then(setCompanies, () => undefined);
  }, [client]);
  useEffect(() => {
    let cancelled = false;
    const query: NoticeQuery = { ...(state !== 'all' ? { state } : {}), ...(companyId ? { companyId } : {}), ...(overdue ? { overdue: true } : {}) };
    void client.call('listNotices', query).then((r) => !cancelled && setRows(r), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [client, state, companyId, overdue]);
  return (
    <section className="panel q-list" data-testid="q-notices">
      <div className="q-filters">
        <label>
          {t('quality.filter.state')}{' '}
          <select value={state} onChange={(e) => setState(e.target.value as (typeof STATES)[number])} data-testid="q-filter-state">
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`quality.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('quality.filter.company')}{' '}
          <select value={companyId ?? ''} onChange={(e) => setCompanyId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t('quality.filter.allCompanies')}</option>
            {companies.map((c) => (
              <option key={c.companyId} value={c.companyId}>
                {c.companyName}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} /> {t('quality.filter.overdue')}
        </label>
      </div>
      {rows && rows.length === 0 && <p className="hint">{t('quality.none')}</p>}
      {rows && rows.length > 0 && (
        <table className="q-table">
          <thead>
            <tr>
              {(['number', 'company', 'description', 'location', 'due', 'state', 'raisedBy'] as const).map((c) => (
                <th key={c}>{t(`quality.col.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => (
              <tr key={n.id} className={n.overdue ? 'q-overdue' : ''} data-testid={`q-notice-row-${n.id}`}>
                <td className="mono">
                  <a href={`#/quality/notice/${n.id}`}>{n.number}</a>
                  {n.origin === 'authority' && <span className="q-tag">{t('quality.origin.authority')}</span>}
                </td>
                <td>
                  {n.companyName}
                  {n.teamName && <span className="q-dim"> / {n.teamName}</span>}
                </td>
                <td className="q-text">{n.description}</td>
                <td>{n.locationText}</td>
                <td className="mono">
                  {n.dueDate}
                  {n.overdue && <span className="q-tag q-bad-tag">▲ {t('quality.overdue')}</span>}
                </td>
                <td>
                  <StateTag state={n.state} />
                </td>
                <td>{n.raisedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
