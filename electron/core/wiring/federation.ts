import type { AlarmService } from '../alarms/alarm-service.js';
import type { SiteConfig } from '../config/site-schema.js';
import type { DeviceStates } from '../devices/device-states.js';
import { FederationService, type FederationProject } from '../federation/federation-service.js';
import { summarizeSiteStatus } from '../federation/site-status.js';
import type { Logger } from '../log/logger.js';
import { secretNames, type SecretVault } from '../secrets/secret-vault.js';

export interface FederationWiringOptions {
  /** The site as edited in the registry (its id and federation authority). */
  site: SiteConfig;
  /** The site file as loaded: where the project list comes from. */
  siteFile: SiteConfig;
  alarms: AlarmService;
  devices: DeviceStates;
  /** Who is inside the site now (the headcount's total). */
  roster: { readonly count: number };
  /** Where federation passwords are kept. */
  vault: SecretVault;
  log: Logger;
}

/** The multi-site overview: this site from its own state, the others from their cores. */
export function wireFederation(o: FederationWiringOptions): FederationService {
  return new FederationService({
    authority: o.site.federation?.authority ?? null,
    projects: federationProjects(o.siteFile),
    selfId: o.site.id,
    localStatus: () => summarizeSiteStatus({ alarms: o.alarms.annunciated(), devices: o.devices.list(), workersOnSite: o.roster.count, now: Date.now() }),
    passwordOf: (projectId) => o.vault.get(secretNames.federationPassword(projectId)),
    log: o.log.child('federation'),
  });
}

/** The site file's `federation.projects`; without that block, this site alone where it has an origin. */
function federationProjects(site: SiteConfig): readonly FederationProject[] {
  if (site.federation) return site.federation.projects;
  if (!site.origin) return [];
  return [{ id: site.id, name: site.name, enterprise: '—', latDeg: site.origin.latDeg, lonDeg: site.origin.lonDeg }];
}
