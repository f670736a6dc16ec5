import type { SiteState } from '../../state/site-state.js';
import type { ApiClient } from '../../transport/api-client.js';

/** Placeholder until this view lands. */
export function GisView(_props: { client: ApiClient; state: SiteState; param: string | null }) {
  return <main className="overview" />;
}
