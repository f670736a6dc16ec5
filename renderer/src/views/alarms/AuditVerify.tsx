import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../transport/api-client.js';
import { RefusalText } from './AlarmBits.js';
import { useAuditVerification } from './use-audit-verification.js';

/**
 * Checks the keyed hash chain of the audit log (who did what cannot be changed afterwards
 * unnoticed). The check runs in the core in steps; this shows how far it got and what it found.
 */
export function AuditVerify({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const { progress, error, start } = useAuditVerification(client);
  const running = progress?.state === 'running';
  const reply = progress?.state === 'done' ? progress.result : null;
  return (
    <section className="audit-verify panel">
      <button type="button" className="action" onClick={start} disabled={running} data-testid="audit-verify">
        {t('alarm.audit.verify')}
      </button>
      {running && (
        <p className="audit-progress" role="status" data-testid="audit-progress">
          <progress max={Math.max(progress.total, 1)} value={progress.checked} />{' '}
          {t('alarm.audit.progress', { checked: progress.checked, total: progress.total })}
        </p>
      )}
      {reply && (
        <p className={reply.ok ? 'audit-result ok' : 'audit-result broken'} role="status" data-testid="audit-result" data-ok={reply.ok}>
          {reply.ok ? (
            <>
              <span aria-hidden>✓</span> {t('alarm.audit.ok', { rows: reply.rows, hash: reply.headHash.slice(0, 12) })}
              {reply.firstSeq > 1 && <> {t('alarm.audit.archivedBefore', { seq: reply.firstSeq })}</>}
            </>
          ) : (
            <>
              <span aria-hidden>✗</span> {t('alarm.audit.broken', { rows: reply.rows, seq: reply.brokenSeq, reason: reply.reason })}
            </>
          )}
        </p>
      )}
      <RefusalText error={error} />
    </section>
  );
}
