import { join } from 'node:path';
import type { RawRoutes } from '../api/http-server.js';
import type { Logger } from '../log/logger.js';
import type { SecretVault } from '../secrets/secret-vault.js';
import type { Service } from '../services/service-registry.js';
import { prepareDataDirectory, type Database } from '../store/database.js';
import { IdentityCipher } from '../workforce/identity-cipher.js';
import { WorkforceStore } from '../workforce/workforce-store.js';
import type { AuthService } from '../auth/auth-service.js';
import type { SecurityEvent } from '../alarms/alarm-store.js';
import { DemoWorkforceSeeder } from '../sim/demo-workforce.js';
import { ImportService } from '../workforce/import-service.js';
import { RegistryHttp } from '../workforce/registry-http.js';
import { RegistryService, todayIn } from '../workforce/registry-service.js';

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
  // ---- registry ----
  /** Sessions for the raw routes (photo upload, import, export) and media tickets for photos. */
  auth?: AuthService;
  /** Writes to the audit chain (AlarmService.store.recordSecurityEvent): reveals of clear numbers. */
  audit?: (event: SecurityEvent) => void;
  /** The site's time zone: what "today" is for entry dates and expiry. */
  timeZone?: string;
  /** The demo simulator runs: seed the demo roster when the registry is empty. */
  simulate?: boolean;
}

/** The real-name workforce: its store (ID numbers sealed under vault keys), files, services and raw routes. */
export interface WorkforceWiring {
  store: WorkforceStore;
  dirs: WorkforceDirs;
  /** Registration, edits, exits, blacklist, reveal (the registry's rules over the store). */
  registry: RegistryService;
  /** Started after the store, stopped before it. */
  services: Service[];
  /** Uploads, downloads, gate pushes and phone pages (see HttpServerOptions.rawRoutes). */
  rawRoutes: RawRoutes[];
}

export function wireWorkforce(o: WorkforceWiringOptions): WorkforceWiring {
  const store = new WorkforceStore(o.db, IdentityCipher.fromVault(o.vault));
  const dirs = workforceDirs(o.dataDir);
  const timeZone = o.timeZone ?? 'Asia/Shanghai';
  let http: RegistryHttp | null = null;
  const registry = new RegistryService(store, {
    today: () => todayIn(timeZone),
    audit: o.audit ?? ((event) => o.log.warn('audit chain not wired; reveal logged only', { ...event })),
    photoUrl: (file) => http?.photoUrl(file) ?? null,
  });
  const services: Service[] = [];
  const rawRoutes: RawRoutes[] = [];
  if (o.auth) {
    http = new RegistryHttp(registry, new ImportService(registry), o.auth, dirs.photos, o.log.child('registry'));
    rawRoutes.push(http);
  }
  if (o.simulate) services.push(new DemoWorkforceSeeder(registry, dirs.photos, o.log.child('demo-roster')));
  return { store, dirs, registry, services, rawRoutes };
}
