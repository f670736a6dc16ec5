import type { SiteState } from '../../state/site-state.js';
import type { ApiClient } from '../../transport/api-client.js';

/** Placeholder until the camera wall lands. */
export function CameraWall(_props: { client: ApiClient; state: SiteState }) {
  return <main className="overview" />;
}
