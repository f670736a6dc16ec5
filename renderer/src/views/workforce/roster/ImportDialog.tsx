import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../../electron/common/api.js';
import type { WorkforceTabProps } from '../WorkforceView.js';
import { importFile } from './raw-requests.js';

/** Choose a file → the core checks it (preview, nothing written) → import the good rows → the result. */
export function ImportDialog({ session }: WorkforceTabProps) {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (mode: 'preview' | 'commit') => {
    if (!file) return;
    setBusy(true);
    setError(null);
    importFile(session.token, file, mode)
      .then(setReport, (e: Error) => {
        setReport(null);
        setError(e.message);
      })
      .finally(() => setBusy(false));
  };
  return (
    <div className="import-dialog" data-testid="import-dialog">
      <a href="#/workforce/roster">{t('wfRoster.back')}</a>
      <h2>{t('wfRoster.importDialog.heading')}</h2>
      <p className="hint">{t('wfRoster.importDialog.hint')}</p>
      <div className="roster-toolbar">
        <input
          type="file"
          accept=".xlsx,.csv"
          data-testid="import-file"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setReport(null);
            setError(null);
          }}
        />
        <button type="button" className="button" disabled={!file || busy} onClick={() => run('preview')} data-testid="import-preview">
          {t('wfRoster.importDialog.preview')}
        </button>
        {report && report.mode === 'preview' && report.taken > 0 && (
          <button type="button" className="button primary" disabled={busy} onClick={() => run('commit')} data-testid="import-commit">
            {t('wfRoster.importDialog.commit', { count: report.taken })}
          </button>
        )}
        {busy && <span className="hint">…</span>}
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      {report && (
        <>
          <p className="import-summary" data-testid="import-summary">
            {report.committed ? t('wfRoster.importDialog.done', { taken: report.taken, refused: report.refused }) : t('wfRoster.importDialog.summary', { rows: report.rows, taken: report.taken, refused: report.refused })}
          </p>
          {(report.companiesCreated.length > 0 || report.teamsCreated.length > 0) && (
            <p className="hint">{t('wfRoster.importDialog.created', { companies: report.companiesCreated.join('、') || '—', teams: report.teamsCreated.join('、') || '—' })}</p>
          )}
          <table className="roster-table" data-testid="import-report">
            <thead>
              <tr>
                <th>{t('wfRoster.importDialog.row')}</th>
                <th>{t('wfRoster.col.name')}</th>
                <th>{t('wfRoster.col.id')}</th>
                <th>{t('wfRoster.importDialog.result')}</th>
                <th>{t('wfRoster.importDialog.problems')}</th>
              </tr>
            </thead>
            <tbody>
              {report.report.slice(0, 2000).map((r) => (
                <tr key={r.row} className={r.status === 'refused' ? 'bad' : ''} data-testid="import-report-row">
                  <td className="mono">{r.row}</td>
                  <td>{r.name ?? ''}</td>
                  <td className="mono">{r.idMasked ?? ''}</td>
                  <td>{r.status === 'taken' ? `✓ ${t('wfRoster.importDialog.taken')}` : `✗ ${t('wfRoster.importDialog.refused')}`}</td>
                  <td>
                    {r.problems.map((p, i) => (
                      <div key={i}>
                        <strong>{p.column}</strong>: {t(p.key, { defaultValue: p.reason.replace(/^[\w.]+: /, '') })}
                        {i18n.language.startsWith('zh') && <span className="hint"> ({p.reason.replace(/^[\w.]+: /, '')})</span>}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
