import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttendanceDocumentJob } from '../../../../../electron/common/api.js';
import type { ApiClient } from '../../../transport/api-client.js';

const POLL_MS = 400;

/** The document jobs this page asked for, polled until done; a finished one is downloaded once. */
export function useDocumentJobs(client: ApiClient): { jobs: AttendanceDocumentJob[]; request: (month: string, kind: 'ledger' | 'pay', format: 'xlsx' | 'pdf') => void; error: string | null } {
  const [jobs, setJobs] = useState<AttendanceDocumentJob[]>([]);
  const [error, setError] = useState<string | null>(null);
  const downloaded = useRef(new Set<string>());
  const pending = jobs.filter((j) => j.state === 'queued' || j.state === 'running');

  useEffect(() => {
    if (pending.length === 0) return;
    const timer = setTimeout(() => {
      Promise.all(pending.map((j) => client.call('getAttendanceDocument', { id: j.id })))
        .then((fresh) => setJobs((all) => all.map((j) => fresh.find((f) => f.id === j.id) ?? j)))
        .catch((e: Error) => setError(e.message));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [client, pending]);

  useEffect(() => {
    for (const j of jobs) {
      if (j.state !== 'done' || !j.url || downloaded.current.has(j.id)) continue;
      downloaded.current.add(j.id);
      const a = document.createElement('a');
      a.href = j.url;
      a.download = j.downloadName;
      document.body.append(a);
      a.click();
      a.remove();
    }
  }, [jobs]);

  const request = useCallback(
    (month: string, kind: 'ledger' | 'pay', format: 'xlsx' | 'pdf') => {
      setError(null);
      client
        .call('requestAttendanceDocument', { month, kind, format })
        .then((job) => setJobs((all) => [job, ...all].slice(0, 8)))
        .catch((e: Error) => setError(e.message));
    },
    [client],
  );
  return { jobs, request, error };
}
