import { join } from 'node:path';
import type { RawRoutes } from '../api/http-server.js';
import type { AuthService } from '../auth/auth-service.js';
import { DataPackageHttp } from '../data-package/package-http.js';
import type { DataPackageHandlerDeps } from '../data-package/package-handlers.js';
import { PackageJobs } from '../data-package/package-jobs.js';
import { PackageStore } from '../data-package/package-store.js';
import { SiteSigningKeys, type KeyVault } from '../data-package/site-key.js';
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import type { Database } from '../store/database.js';

export interface DataPackageWiringOptions {
  db: Database;
  dataDir: string;
  /** The site as in force now: id, name, time zone. */
  site: () => { id: string; name: string; timeZone: string };
  /** The secrets vault (the signing key is sealed there). */
  vault: KeyVault;
  /** The alarm audit chain's HMAC key (the site's own check of the chain goes into the manifest). */
  auditKey: () => Buffer;
  auth: AuthService;
  log: Logger;
  attachmentCapBytes?: number;
}

export interface DataPackageWiring {
  jobs: PackageJobs;
  service: Service;
  rawRoutes: RawRoutes[];
  /** For createApiHandlers (`dataPackages:`). */
  handlers: DataPackageHandlerDeps;
}

/** Data packages: the signing key, the jobs (DATA/data-packages, migration 22), the download route. */
export function wireDataPackages(o: DataPackageWiringOptions): DataPackageWiring {
  const log = o.log.child('data-packages');
  const keys = new SiteSigningKeys(o.vault);
  const jobs = new PackageJobs({
    db: o.db,
    store: new PackageStore(o.db),
    dataDir: o.dataDir,
    dir: join(o.dataDir, 'data-packages'),
    site: o.site,
    keys,
    auditKey: o.auditKey,
    ...(o.attachmentCapBytes !== undefined ? { attachmentCapBytes: o.attachmentCapBytes } : {}),
    onChange: (p) => {
      if (p.state === 'failed') log.warn('data package failed', { id: p.id, from: p.from, to: p.to, error: p.error });
      if (p.state === 'done') log.info('data package made', { id: p.id, from: p.from, to: p.to, by: p.madeBy, sha256: p.sha256 });
    },
  });
  const service: Service = {
    name: 'data-packages',
    required: false,
    async start() {},
    async stop() {
      await jobs.idle();
    },
  };
  return { jobs, service, rawRoutes: [new DataPackageHttp(jobs, o.auth)], handlers: { jobs, keys, site: o.site, tickets: () => o.auth.mediaTickets } };
}
