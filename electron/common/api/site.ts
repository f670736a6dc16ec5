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
}

/** The core's health, this site's summary and its geometry. */
export interface SiteApi {
  health(): Promise<HealthReport>;
  getSite(): Promise<SiteSummary>;
  /** The site's geometry for the 3D and GIS views. */
  getSiteModel(): Promise<SiteModel>;
}

export const SITE_ROUTES = {
  health: { verb: 'GET', path: '/api/health', auth: false },
  getSite: { verb: 'GET', path: '/api/site', auth: true },
  getSiteModel: { verb: 'GET', path: '/api/site-model', auth: true },
} as const satisfies Record<keyof SiteApi, RouteSpec>;
