import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EscalationOutboxView } from '../../../../electron/common/api.js';
import type { ApiClient } from '../../transport/api-client.js';

const POLL_MS = 10_000;

/**
 * Escalations the broker has not yet acknowledged, and any refused because the outbox was full:
 * shown only when there are some, so an operator knows the sirens and SMS may not have gone out.
 */
export function EscalationOutbox({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const [view, setView] = useState<EscalationOutboxView | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => client.call('getEscalationOutbox').then((v) => live && setView(v), () => undefined);
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client]);
  if (!view || (view.pending === 0 && view.dropped === 0)) return null;
  return (
    <section className="escalation-outbox panel" role="status" data-testid="escalation-outbox">
      <p>
        <span aria-hidden>⚠</span> {t('alarm.escalations.pending', { count: view.pending })}
        {view.dropped > 0 && <> {t('alarm.escalations.dropped', { count: view.dropped })}</>}
      </p>
      {view.lastError && <p className="kpi-detail">{view.lastError}</p>}
    </section>
  );
}
