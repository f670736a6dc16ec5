import { join } from 'node:path';
import type { RawRoutes } from '../api/http-server.js';
import type { Logger } from '../log/logger.js';
import type { SecretVault } from '../secrets/secret-vault.js';
import type { Service } from '../services/service-registry.js';
import { prepareDataDirectory, type Database } from '../store/database.js';
import { IdentityCipher } from '../workforce/identity-cipher.js';
import { WorkforceStore } from '../workforce/workforce-store.js';

/** Folders under DATA/workforce for the registry's files (never served except through its own routes). */
export interface WorkforceDirs {
  root: string;
  /** Head photos (JPEG/PNG, checked on upload). */
  photos: string;
  /** Turnstile capture photos of gate passages. */
  captures: string;
  /** Labour contracts and certificate scans. */
  documents: string;
  /** Generated ledgers, pay sheets and exports. */
  exports: string;
  /** Course materials (text, images, PDF, video). */
  courses: string;
}

export function workforceDirs(dataDir: string): WorkforceDirs {
  const root = join(dataDir, 'workforce');
  const dirs: WorkforceDirs = {
    root,
    photos: join(root, 'photos'),
    captures: join(root, 'captures'),
    documents: join(root, 'documents'),
    exports: join(root, 'exports'),
    courses: join(root, 'courses'),
  };
  for (const dir of Object.values(dirs)) prepareDataDirectory(dir);
  return dirs;
}

export interface WorkforceWiringOptions {
  db: Database;
  vault: SecretVault;
  dataDir: string;
  log: Logger;
}

/** The real-name workforce: its store (ID numbers sealed under vault keys), files, services and raw routes. */
export interface WorkforceWiring {
  store: WorkforceStore;
  dirs: WorkforceDirs;
  /** Started after the store, stopped before it. */
  services: Service[];
  /** Uploads, downloads, gate pushes and phone pages (see HttpServerOptions.rawRoutes). */
  rawRoutes: RawRoutes[];
}

export function wireWorkforce(o: WorkforceWiringOptions): WorkforceWiring {
  const store = new WorkforceStore(o.db, IdentityCipher.fromVault(o.vault));
  const dirs = workforceDirs(o.dataDir);
  return { store, dirs, services: [], rawRoutes: [] };
}
