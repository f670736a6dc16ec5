import { useCallback, useEffect, useState } from 'react';
import type { DataPackageView, SiteSigningKey } from '../../../../electron/common/api.js';
import type { ApiClient } from '../../transport/api-client.js';

const POLL_MS = 500;

/** The data packages list (polled while one is being made) and, for admins, the site's signing key. */
export function useDataPackages(client: ApiClient, isAdmin: boolean) {
  const [packages, setPackages] = useState<DataPackageView[] | null>(null);
  const [key, setKey] = useState<SiteSigningKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    client
      .call('listDataPackages', { limit: 50 })
      .then(setPackages)
      .catch((e: Error) => setError(e.message));
  }, [client]);
  useEffect(load, [load]);
  useEffect(() => {
    if (!isAdmin) return;
    client
      .call('getSiteSigningKey')
      .then(setKey)
      .catch((e: Error) => setError(e.message));
  }, [client, isAdmin]);
  const busy = packages?.some((p) => p.state !== 'done' && p.state !== 'failed') ?? false;
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(load, POLL_MS);
    return () => clearTimeout(timer);
  }, [busy, packages, load]);
  const request = useCallback(
    async (from: string, to: string) => {
      setError(null);
      try {
        const p = await client.call('requestDataPackage', { from, to });
        setPackages((all) => [p, ...(all ?? []).filter((x) => x.id !== p.id)]);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [client],
  );
  return { packages, key, error, request };
}
