import { useCallback, useEffect, useState } from 'react';
import type { ProgressOverview } from '../../../../electron/common/progress.js';
import type { ApiClient } from '../../transport/api-client.js';

/** How often progress is read again: completions are entered a few times a day, not by the second. */
export const PROGRESS_REFRESH_MS = 60_000;

/**
 * The project's progress, read on mount and every PROGRESS_REFRESH_MS; `set` takes the overview an
 * edit answered with (every write answers with the new overview), so the view follows at once.
 */
export function useProgress(client: ApiClient): { overview: ProgressOverview | null; error: string | null; set: (o: ProgressOverview) => void } {
  const [overview, setOverview] = useState<ProgressOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    const read = () =>
      client.call('getProgress').then(
        (o) => {
          if (cancelled) return;
          setOverview(o);
          setError(null);
        },
        (e: Error) => !cancelled && setError(e.message),
      );
    void read();
    const timer = setInterval(read, PROGRESS_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [client]);
  const set = useCallback((o: ProgressOverview) => setOverview(o), []);
  return { overview, error, set };
}
