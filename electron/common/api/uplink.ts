import type { RouteSpec } from './route-spec.js';

/**
 * The supervision uplink's state for admins (#13): whether the site reaches the city's or the
 * enterprise's supervision platform, and how much waits in the outbox. UTC epoch ms throughout.
 */
export interface UplinkStatus {
  /** False when the site file has no `supervision` section. */
  enabled: boolean;
  /** The id the platform knows this site by. */
  siteId: string | null;
  /** Whether the site's broker password is set (the value never leaves the core). */
  passwordSet: boolean;
  connected: boolean;
  /** The MQTT listener connected to or being tried. */
  url: string | null;
  /** Messages waiting in the outbox (not yet confirmed stored by the platform). */
  pending: number;
  oldestPendingAt: number | null;
  /** Published, waiting for the platform's receipt. */
  inFlight: number;
  sent: number;
  lastSentAt: number | null;
  lastReceiptAt: number | null;
  lastConnectedAt: number | null;
  reconnects: number;
  /** Why the last connection or message failed, in the broker's words. */
  lastError: string | null;
}

export interface UplinkApi {
  getUplinkStatus(): Promise<UplinkStatus>;
  /** Sets the site's broker password (sealed in the vault; the uplink reconnects with it). */
  setUplinkPassword(params: { password: string }): Promise<UplinkStatus>;
}

export const UPLINK_ROUTES = {
  getUplinkStatus: { verb: 'GET', path: '/api/uplink/status', auth: true, roles: ['admin'] },
  setUplinkPassword: { verb: 'POST', path: '/api/uplink/password', auth: true, roles: ['admin'] },
} as const satisfies Record<keyof UplinkApi, RouteSpec>;
