import type { DataPackageRecord, SiteSigningKey } from '../data-package.js';
import { PACKAGE_MAKERS } from '../data-package.js';

export type { DataPackageRecord, SiteSigningKey } from '../data-package.js';
import type { RouteSpec } from './route-spec.js';

/** A package as the console lists it: its record and, when done, a download URL (with a ticket for that one file). */
export interface DataPackageView extends DataPackageRecord {
  download: string | null;
}

/** Verifiable data packages for the supervising authority (#13), and the site's signing key. */
export interface DataPackageApi {
  /** Packages, newest first. */
  listDataPackages(request?: { limit?: number }): Promise<DataPackageView[]>;
  /** Queues a package for the site days `from`…`to` (inclusive, at most 31 days, not in the future). Poll getDataPackage until done. */
  requestDataPackage(request: { from: string; to: string }): Promise<DataPackageView>;
  getDataPackage(request: { id: string }): Promise<DataPackageView>;
  /** The site's Ed25519 public key and fingerprint, to register with the authority (made on first use). */
  getSiteSigningKey(): Promise<SiteSigningKey>;
}

export const DATA_PACKAGE_ROUTES = {
  listDataPackages: { verb: 'GET', path: '/api/data-packages', auth: true, roles: PACKAGE_MAKERS },
  requestDataPackage: { verb: 'POST', path: '/api/data-packages', auth: true, roles: PACKAGE_MAKERS },
  getDataPackage: { verb: 'GET', path: '/api/data-packages/:id', auth: true, roles: PACKAGE_MAKERS },
  getSiteSigningKey: { verb: 'GET', path: '/api/site-signing-key', auth: true, roles: ['admin'] },
} as const satisfies Record<keyof DataPackageApi, RouteSpec>;

/** Where a finished package is downloaded: `/api/data-package-files/ID.tar` (session header of an admin or manager, or `?ticket=`). */
export const DATA_PACKAGE_FILES_PATH = '/api/data-package-files/';
