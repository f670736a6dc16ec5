import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyView, TeamView, WorkerPage, WorkerQuery } from '../../../../../electron/common/api.js';
import { WORKFORCE_RAW_PATHS } from '../../../../../electron/common/api/workforce.js';
import { mayWorkforce } from '../../../../../electron/common/workforce-permissions.js';
import type { WorkforceTabProps } from '../WorkforceView.js';
import { download } from './raw-requests.js';

/** The roster list: filters, search (a name, or an exact ID number found by its keyed hash), and the table. */
export function RosterList({ client, session }: WorkforceTabProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<WorkerQuery>({ status: 'active' });
  const [search, setSearch] = useState('');
  const [page, setPage] = useState<WorkerPage | null>(null);
  const [companies, setCompanies] = useState<CompanyView[]>([]);
  const [teams, setTeams] = useState<TeamView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const canWrite = mayWorkforce(session.role, 'writeRegistry');
  const canFiles = mayWorkforce(session.role, 'importExport');

  useEffect(() => {
    void Promise.all([client.call('listCompanies'), client.call('listTeams')]).then(([c, tm]) => {
      setCompanies(c);
      setTeams(tm);
    });
  }, [client]);

  useEffect(() => {
    const timer = setTimeout(() => {
      client
        .call('listWorkers', { ...query, ...(search.trim() ? { search: search.trim() } : {}), limit: 500 })
        .then((p) => {
          setPage(p);
          setError(null);
        })
        .catch((e: Error) => setError(e.message));
    }, 200);
    return () => clearTimeout(timer);
  }, [client, query, search]);

  const fileDownload = (path: string, name: string) => download(session.token, path, name).catch((e: Error) => setError(e.message));

  return (
    <div className="roster-list">
      <div className="roster-toolbar">
        <input type="search" value={search} placeholder={t('wfRoster.search')} aria-label={t('wfRoster.search')} onChange={(e) => setSearch(e.target.value)} data-testid="roster-search" />
        <select value={query.companyId ?? ''} aria-label={t('wfRoster.col.company')} onChange={(e) => setQuery({ ...query, companyId: e.target.value ? Number(e.target.value) : undefined, teamId: undefined })}>
          <option value="">{t('wfRoster.allCompanies')}</option>
          {companies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.activeWorkers})
            </option>
          ))}
        </select>
        <select value={query.teamId ?? ''} aria-label={t('wfRoster.col.team')} onChange={(e) => setQuery({ ...query, teamId: e.target.value ? Number(e.target.value) : undefined })}>
          <option value="">{t('wfRoster.allTeams')}</option>
          {teams
            .filter((tm) => !query.companyId || tm.companyId === query.companyId)
            .map((tm) => (
              <option key={tm.id} value={tm.id}>
                {tm.name} ({tm.activeWorkers})
              </option>
            ))}
        </select>
        <select value={query.status} aria-label={t('wfRoster.col.state')} onChange={(e) => setQuery({ ...query, status: e.target.value as WorkerQuery['status'] })}>
          {(['active', 'exited', 'all'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`wfRoster.status.${s}`)}
            </option>
          ))}
        </select>
        <span className="roster-total">{page ? t('wfRoster.total', { count: page.total }) : ''}</span>
        <span className="roster-actions">
          {canWrite && (
            <a className="button primary" href="#/workforce/roster/new" data-testid="roster-register">
              {t('wfRoster.register')}
            </a>
          )}
          {canFiles && (
            <>
              <a className="button" href="#/workforce/roster/import" data-testid="roster-import">
                {t('wfRoster.import')}
              </a>
              <button type="button" className="button" onClick={() => void fileDownload(`${WORKFORCE_RAW_PATHS.importTemplate}?format=xlsx`, '人员导入模板.xlsx')}>
                {t('wfRoster.template')} XLSX
              </button>
              <button type="button" className="button" onClick={() => void fileDownload(`${WORKFORCE_RAW_PATHS.importTemplate}?format=csv`, '人员导入模板.csv')}>
                {t('wfRoster.template')} CSV
              </button>
              <button type="button" className="button" onClick={() => void fileDownload(`${WORKFORCE_RAW_PATHS.export}?format=xlsx`, '人员名册.xlsx')} data-testid="roster-export">
                {t('wfRoster.export')}
              </button>
            </>
          )}
        </span>
      </div>
      {error && <p className="form-error">{error}</p>}
      {page && page.rows.length === 0 && <p className="hint">{t('wfRoster.none')}</p>}
      {page && page.rows.length > 0 && (
        <table className="roster-table" data-testid="roster-table">
          <thead>
            <tr>
              {(['name', 'id', 'gender', 'trade', 'company', 'team', 'entered', 'card', 'phone', 'state'] as const).map((c) => (
                <th key={c}>{t(`wfRoster.col.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.rows.map((w) => (
              <tr key={w.id} data-testid="roster-row">
                <td>
                  <a href={`#/workforce/roster/${w.id}`}>{w.name}</a>
                  {w.isManager && <span className="roster-tag">{w.post ?? t('wfRoster.manager')}</span>}
                </td>
                <td className="mono">{w.idMasked}</td>
                <td>{w.gender ? t(`wfRoster.gender.${w.gender}`) : ''}</td>
                <td>{w.trade}</td>
                <td>{w.companyName ?? ''}</td>
                <td>{w.teamName ?? ''}</td>
                <td className="mono">{w.enteredOn ?? ''}</td>
                <td className="mono">{w.cardNo ?? ''}</td>
                <td className="mono">{w.phone ?? ''}</td>
                <td>
                  {w.blacklisted && <span className="roster-state bad">■ {t('wfRoster.blacklisted')}</span>}
                  {!w.active && <span className="roster-state">○ {t('wfRoster.exited')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
