import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerifyReply } from '../../../../electron/common/api.js';
import type { ApiClient } from '../../transport/api-client.js';
import { RefusalText } from './AlarmBits.js';

/** Checks the hash chain of the alarm audit log (who did what cannot be changed afterwards unnoticed). */
export function AuditVerify({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const [reply, setReply] = useState<AuditVerifyReply | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setReply(await client.call('verifyAudit'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="audit-verify panel">
      <button type="button" className="action" onClick={() => void verify()} disabled={busy} data-testid="audit-verify">
        {t('alarm.audit.verify')}
      </button>
      {reply && (
        <p className={reply.ok ? 'audit-result ok' : 'audit-result broken'} role="status" data-testid="audit-result" data-ok={reply.ok}>
          {reply.ok ? (
            <>
              <span aria-hidden>✓</span> {t('alarm.audit.ok', { rows: reply.rows, hash: reply.headHash.slice(0, 12) })}
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
