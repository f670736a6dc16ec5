import type { SiteSummary } from '../site.js';
import type { SiteModel } from '../site-model.js';
import type { RouteSpec } from './route-spec.js';

export type ServiceState = 'stopped' | 'starting' | 'running' | 'failed' | 'stopping';

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  services: Record<string, ServiceState>;
  /** False once untrusted input has polluted a built-in prototype in the core (CWE-1321); status is then 'degraded'. */
  prototypesIntact: boolean;
  /**
   * This run of the core: a new id after every restart, so a client that reconnects can tell the
   * core restarted (and say so) rather than that only the network dropped.
   */
  bootId?: string;
  /** The core process, for the operator's diagnostics (and tests that stop it). */
  pid?: number;
  /** How the console is served, for the top bar and the admins' warning. */
  transport?: TransportSecurity;
}

/** Whether the console's traffic is encrypted, and with which certificate. */
export interface TransportSecurity {
  tls: boolean;
  /** SHA-256 fingerprint of the served certificate (colon hex), to compare on each wall screen. */
  fingerprint?: string;
  selfSigned?: boolean;
  /** Plain HTTP on a LAN address (`--no-tls`): passwords and tokens cross the LAN readable. */
  unencryptedLan: boolean;
}

/** The core's health, this site's summary and its geometry. */
export interface SiteApi {
  health(): Promise<HealthReport>;
  /**
   * Which console this server is: a site console answers `site`; the supervision service answers
   * `authority` on the same path (electron/common/api/authority.ts), and the one renderer picks its
   * mode from it before anything else.
   */
  getMode(): Promise<{ mode: 'site' }>;
  getSite(): Promise<SiteSummary>;
  /** The site's geometry for the 3D and GIS views. */
  getSiteModel(): Promise<SiteModel>;
}

export const SITE_ROUTES = {
  health: { verb: 'GET', path: '/api/health', auth: false },
  getMode: { verb: 'GET', path: '/api/mode', auth: false },
  getSite: { verb: 'GET', path: '/api/site', auth: true },
  getSiteModel: { verb: 'GET', path: '/api/site-model', auth: true },
} as const satisfies Record<keyof SiteApi, RouteSpec>;
