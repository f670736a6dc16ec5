import { useTranslation } from 'react-i18next';
import type { AttendanceDocumentJob } from '../../../../../electron/common/api.js';

const DOCUMENTS = [
  ['ledger', 'xlsx', 'ledgerXlsx'],
  ['ledger', 'pdf', 'ledgerPdf'],
  ['pay', 'xlsx', 'payXlsx'],
  ['pay', 'pdf', 'payPdf'],
] as const;

/** Export buttons and the jobs' progress; each finished document downloads by itself (and keeps a link). */
export function ExportBar({ jobs, onRequest, canPay, error }: { jobs: AttendanceDocumentJob[]; onRequest: (kind: 'ledger' | 'pay', format: 'xlsx' | 'pdf') => void; canPay: boolean; error: string | null }) {
  const { t } = useTranslation();
  return (
    <section className="export-bar" aria-label={t('attendance.export')}>
      <h3>{t('attendance.export')}</h3>
      <div className="export-buttons">
        {DOCUMENTS.filter(([kind]) => canPay || kind === 'ledger').map(([kind, format, label]) => (
          <button key={label} type="button" onClick={() => onRequest(kind, format)} data-testid={`export-${kind}-${format}`}>
            ↓ {t(`attendance.${label}`)}
          </button>
        ))}
      </div>
      {error && <p className="form-error">{error}</p>}
      <ul className="export-jobs">
        {jobs.map((j) => (
          <li key={j.id} data-testid="export-job" data-state={j.state}>
            {j.state === 'done' && j.url ? (
              <>
                {t('attendance.ready', { name: j.downloadName })}{' '}
                <a href={j.url} download={j.downloadName}>
                  {t('attendance.download')}
                </a>
              </>
            ) : j.state === 'failed' ? (
              t('attendance.failed', { error: j.error })
            ) : (
              <>
                {t('attendance.making', { name: j.downloadName, pct: Math.round(j.progress * 100) })}
                <progress max={1} value={j.progress} />
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
