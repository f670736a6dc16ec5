import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditVerifyProgress } from '../../../../electron/common/api.js';
import type { ApiClient } from '../../transport/api-client.js';

/** How often a running verification is polled, ms: the bar moves without loading the core. */
const POLL_MS = 400;

/**
 * The audit verification job as the view sees it: `start` asks the core to start (or join) the
 * job, then its progress is polled until it is done. On mount it picks up a job already running
 * (started from another console or before a reload).
 */
export function useAuditVerification(client: ApiClient) {
  const [progress, setProgress] = useState<AuditVerifyProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Shows one progress report and, while the job runs, asks for the next one after POLL_MS.
  const follow = useCallback(
    (first: AuditVerifyProgress) => {
      const show = (p: AuditVerifyProgress) => {
        setProgress(p);
        if (p.state !== 'running') return;
        timer.current = setTimeout(() => {
          client.call('verifyAudit').then(show, setError);
        }, POLL_MS);
      };
      show(first);
    },
    [client],
  );

  useEffect(() => {
    client.call('verifyAudit').then((p) => p.state === 'running' && follow(p), () => undefined);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [client, follow]);

  const start = useCallback(() => {
    setError(null);
    if (timer.current) clearTimeout(timer.current);
    client.call('startAuditVerification').then(follow, setError);
  }, [client, follow]);

  return { progress, error, start };
}
