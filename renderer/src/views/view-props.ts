import type { SessionInfo } from '../../../electron/common/api.js';
import type { AlarmState } from '../state/alarm-state.js';
import type { SiteState } from '../state/site-state.js';
import type { ApiClient } from '../transport/api-client.js';

/** What the console shell gives each of the newer views; `param` is the rest of the route (`#/VIEW/PARAM`). */
export interface ViewProps {
  client: ApiClient;
  state: SiteState;
  alarms: AlarmState;
  session: SessionInfo;
  timeZone: string;
  param: string | null;
}
