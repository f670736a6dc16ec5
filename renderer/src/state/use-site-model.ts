import { useEffect, useState } from 'react';
import type { SiteModel } from '../../../electron/common/site-model.js';
import type { ApiClient } from '../transport/api-client.js';
import { type SiteState } from './site-state.js';
import { useValue } from './site-state-hooks.js';

/**
 * The site model for the 3D and GIS views: fetched on mount and again whenever
 * `SiteState.siteModelVersion` goes up (an admin moved or renamed a device, or the live link
 * missed events). An answer equal to the model held keeps the same object, so a view rebuilds its
 * scene only for a real change. A failed refetch keeps the last model and reports the error.
 */
export function useSiteModel(client: ApiClient, state: SiteState): { model: SiteModel | null; error: string | null } {
  const version = useValue(state.siteModelVersion);
  const [model, setModel] = useState<SiteModel | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    client.call('getSiteModel').then(
      (next) => {
        if (cancelled) return;
        setModel((held) => (held && sameModel(held, next) ? held : next));
        setError(null);
      },
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [client, version]);
  return { model, error };
}

/** Plain JSON from the same core: equal text is an equal model (a few kB even on a big site). */
function sameModel(a: SiteModel, b: SiteModel): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
