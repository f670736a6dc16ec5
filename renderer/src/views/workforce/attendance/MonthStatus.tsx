import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ledger } from '../../../../../electron/common/attendance.js';
import type { ApiClient } from '../../../transport/api-client.js';

/** Whether the month is closed, its ledger hash and rule versions, and the close button. */
export function MonthStatus({ client, ledger, canClose, isPast, onClosed }: { client: ApiClient; ledger: Ledger; canClose: boolean; isPast: boolean; onClosed: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    if (!window.confirm(t('attendance.closeConfirm', { month: ledger.month, hash: ledger.hash.slice(0, 16) }))) return;
    client
      .call('closeAttendanceMonth', { month: ledger.month })
      .then(onClosed)
      .catch((e: Error) => setError(e.message));
  };
  return (
    <section className="month-status" data-testid="month-status" data-closed={ledger.closedAt !== null}>
      <p>{ledger.closedAt !== null ? <strong>🔒 {t('attendance.closed', { at: new Date(ledger.closedAt).toLocaleString(), by: ledger.closedBy })}</strong> : t('attendance.open')}</p>
      <p>
        {t('attendance.hash')}: <code data-testid="ledger-hash">{ledger.hash}</code>
      </p>
      <p>
        {t('attendance.rules')}: {ledger.ruleVersions.join('、') || '—'}
      </p>
      {canClose && ledger.closedAt === null && isPast && (
        <button type="button" onClick={close} data-testid="close-month">
          {t('attendance.close')}
        </button>
      )}
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}
