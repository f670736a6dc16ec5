import { useCallback, useEffect, useState } from 'react';
import type { ReportView } from '../../../../electron/common/api.js';
import type { ReportKind } from '../../../../electron/common/reports.js';
import type { ApiClient } from '../../transport/api-client.js';

const POLL_MS = 500;

/** The reports list, polled while any report is being made (progress: queued → gathering k/n → rendering → done/failed). */
export function useReports(client: ApiClient): { reports: ReportView[] | null; error: string | null; request: (kind: ReportKind, from: string) => Promise<void> } {
  const [reports, setReports] = useState<ReportView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    client
      .call('listReports', { limit: 200 })
      .then((list) => setReports(list))
      .catch((e: Error) => setError(e.message));
  }, [client]);
  useEffect(load, [load]);
  const busy = reports?.some((r) => r.state !== 'done' && r.state !== 'failed') ?? false;
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(load, POLL_MS);
    return () => clearTimeout(timer);
  }, [busy, reports, load]);
  const request = useCallback(
    async (kind: ReportKind, from: string) => {
      setError(null);
      try {
        const r = await client.call('requestReport', { kind, from });
        setReports((all) => [r, ...(all ?? []).filter((x) => x.id !== r.id)]);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [client],
  );
  return { reports, error, request };
}
