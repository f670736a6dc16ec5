import type { AlarmPriority } from '../alarms.js';
import type { RouteSpec } from './route-spec.js';

/**
 * Whether a project's live status could be read. `ok`: read (from this core, or from the project's
 * core within the timeout); `not-configured`: the site file gives no URL (or no credentials) for it;
 * `auth-failed`: its core refused the configured user name/password; `unreachable`: no answer, a
 * refused connection, a timeout or an error reply; `pending`: first contact still under way.
 */
export type SiteLinkStatus = 'ok' | 'unreachable' | 'not-configured' | 'auth-failed' | 'pending';

/** Live figures of one project, as its core reports them. */
export interface SiteLiveStatus {
  /** Annunciated alarms (not normal, not shelved/suppressed/out of service) by priority. */
  alarmsByPriority: Record<AlarmPriority, number>;
  /** Of those, still unacknowledged. */
  unackedAlarms: number;
  /** Workers inside the site by real-name gate passages. */
  workersOnSite: number;
  /** Latest PM10 over the site's dust monitors (the highest of their last readings), µg/m³; null when none reports. */
  pm10UgM3: number | null;
  /** UTC epoch ms when these figures were read. */
  readAt: number;
}

/** One project of the federation, where it is and how it is doing. */
export interface SiteEntry {
  id: string;
  name: string;
  enterprise: string;
  latDeg: number;
  lonDeg: number;
  /** This core's own site (status from its own state, and a 3D model behind `#/site3d`). */
  self: boolean;
  /**
   * Another project's core reached over HTTPS (true) or plain HTTP on the LAN (false: its
   * password and figures cross the network readable); absent for this site and projects without a URL.
   */
  encrypted?: boolean;
  status: SiteLinkStatus;
  /** Why the status is not `ok`, in words (connection refused, timed out after 3 s, HTTP 401…). */
  reason?: string;
  /** The last figures read; kept (with their `readAt`) while a remote is unreachable. Null when never read. */
  live: SiteLiveStatus | null;
  /** When the status was last checked, UTC epoch ms. */
  checkedAt: number | null;
}

/** The overview tree for the supervising authority and the enterprises: authority → enterprises → projects. */
export interface SitesReply {
  /** The supervising authority's name from the site file; null when it gives none. */
  authority: string | null;
  enterprises: { name: string; projects: SiteEntry[] }[];
}

/** The multi-site overview. */
export interface FederationApi {
  /** The projects this site oversees (its `federation` block), with each one's live status; answered from a ~10 s cache. */
  listSites(): Promise<SitesReply>;
  /** Sets the password this core signs in to project `id`'s core with (kept encrypted in the vault; never read back). Admin only. */
  setSitePassword(request: { id: string; password: string }): Promise<SiteEntry>;
}

export const FEDERATION_ROUTES = {
  listSites: { verb: 'GET', path: '/api/sites', auth: true },
  setSitePassword: { verb: 'POST', path: '/api/sites/:id/password', auth: true, roles: ['admin'] },
} as const satisfies Record<keyof FederationApi, RouteSpec>;
