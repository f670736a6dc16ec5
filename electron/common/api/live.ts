import type { AlarmEvent } from '../alarms.js';
import type { HeadcountView } from './gates.js';
import type { PanoramaProgress } from '../panorama/types.js';
import type { DeviceView, SourceStatus } from '../site.js';
import type { TelemetryRecord } from '../telemetry.js';

/** Live events pushed to UIs (WebSocket `/api/live`). */
export type LiveEvent =
  | { type: 'telemetry'; record: TelemetryRecord }
  | { type: 'device'; device: DeviceView }
  | { type: 'source'; source: SourceStatus }
  /** Events this client missed because it could not keep up; the UI says so. */
  | { type: 'dropped'; count: number }
  /** Something happened to an alarm (activated, acknowledged, reset, escalated…). */
  | { type: 'alarm'; event: AlarmEvent }
  /** Workers inside the site changed (real-name gate passages): the total, sent at once. */
  | { type: 'roster'; onSite: number }
  /** Who is inside by company, team, trade and zone (coalesced: at most a few a second). */
  | { type: 'headcount'; headcount: HeadcountView }
  /** Sent once when the live channel is authenticated and subscribed. */
  | { type: 'ready' }
  /** Panorama processing progress ("processing 3/5"). */
  | { type: 'panorama'; progress: PanoramaProgress }
  /**
   * An admin's registry edit moved or renamed a device: `getSiteModel` now answers differently,
   * and the 3D and GIS views fetch it again (the core already applies it to anti-collision).
   */
  | { type: 'siteModelChanged'; deviceId: string; fields: SiteModelField[] };

/** Registry fields that the site model carries, so editing one changes what the 3D and GIS views draw. */
export type SiteModelField = 'name' | 'position';

/**
 * The first message a client sends on `/api/live` and `/api/video`: its session token (browsers
 * cannot set headers on a WebSocket, and a token in the URL would end up in proxy logs).
 */
export interface SocketAuthMessage {
  type: 'auth';
  token: string;
}

/** Messages a web client sends on the live socket. */
export type LiveClientMessage = SocketAuthMessage;

/**
 * Close codes of both sockets (4000–4999 are the application's, RFC 6455 §7.4.2). A client that
 * sees `unauthorized` logs in again; `malformed` is a client bug.
 */
export const SOCKET_CLOSE = {
  malformed: 4400,
  unauthorized: 4401,
  noCamera: 4404,
  internal: 4500,
} as const;
