import type { SiteState } from '../../state/site-state.js';
import type { ApiClient } from '../../transport/api-client.js';

/** Placeholder until the alarm list lands. */
export function AlarmsView(_props: { client: ApiClient; state: SiteState; alarmId: string | null; timeZone: string }) {
  return <main className="overview" />;
}
