import { join } from 'node:path';
import type { AlarmService } from '../alarms/alarm-service.js';
import type { RawRoutes } from '../api/http-server.js';
import type { AuthService } from '../auth/auth-service.js';
import type { SiteConfig } from '../config/site-schema.js';
import type { LiveHub } from '../pipeline/live-hub.js';
import { GateHttp } from '../workforce/gate-http.js';
import { GateSystem } from '../workforce/gate-system.js';
import type { Logger } from '../log/logger.js';
import type { SecretVault } from '../secrets/secret-vault.js';
import type { Service } from '../services/service-registry.js';
import { prepareDataDirectory, type Database } from '../store/database.js';
import { IdentityCipher } from '../workforce/identity-cipher.js';
import { WorkforceStore } from '../workforce/workforce-store.js';
import { seedDemoCourses } from '../sim/demo-courses.js';
import { TrainingMaterialUpload } from '../workforce/training-material-upload.js';
import { TrainingService } from '../workforce/training-service.js';
import { TrainingStore } from '../workforce/training-store.js';
import { WorkerIdentity } from '../workforce/worker-portal-identity.js';
import { WorkerPortalHttp } from '../workforce/worker-portal-http.js';
import type { PortalEndpoint } from '../workforce/worker-portal-link.js';
import { AttendanceHttp } from '../workforce/attendance-http.js';
import type { AttendanceWiring } from '../workforce/attendance-handlers.js';
import { attendanceRulesOf } from '../workforce/attendance-rule-schema.js';
import { AttendanceService } from '../workforce/attendance-service.js';
import { DocumentJobs } from '../workforce/documents/document-jobs.js';
import { halfDaysOf } from '../../common/attendance.js';
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
  /** Console sessions, for uploads of course materials (absent: uploads answer 401). */
  auth?: AuthService;
  /** The site's time zone (IANA), for workers' attendance days this month. */
  timeZone?: () => string;
  /** Where phones reach the core (null while not listening), for the worker page's QR codes. */
  endpoint?: () => PortalEndpoint | null;
  /** The demo simulator runs: seed the demo courses when none exist. */
  simulate?: boolean;
  /** The site file as in force now (attendance rules, time zone, project name); absent: defaults. */
  site?: () => SiteConfig;
  /** Gates: alarms, the live channel, the effective site and the media tickets (absent in tests that build the store alone). */
  gates?: {
    alarms: AlarmService;
    hub: LiveHub;
    site: () => SiteConfig;
    auth: AuthService;
    /** A gate pushed over HTTP: its device shows online. */
    heard?: (gateId: string) => void;
  };
  /** Writes to the audit chain (AlarmService.store.recordSecurityEvent): reveals of clear numbers. */
  audit?: (event: SecurityEvent) => void;
}

/** The real-name workforce: its store (ID numbers sealed under vault keys), files, services and raw routes. */
export interface WorkforceWiring {
  store: WorkforceStore;
  dirs: WorkforceDirs;
  /** Courses, exams, one-time codes and workers' sessions. */
  training: TrainingService;
  /** Where phones reach the core, for QR codes. */
  endpoint: () => PortalEndpoint | null;
  /** Registration, edits, exits, blacklist, reveal (the registry's rules over the store). */
  registry: RegistryService;
  /** Started after the store, stopped before it. */
  services: Service[];
  /** Uploads, downloads, gate pushes and phone pages (see HttpServerOptions.rawRoutes). */
  rawRoutes: RawRoutes[];
  /** Attendance: days, ledgers, pay sheets, closed months, documents. */
  attendance: AttendanceWiring;
  /** Gate passages, the headcount, operator and certificate checks (when wired with `gates`). */
  gates?: GateSystem;
}

export function wireWorkforce(o: WorkforceWiringOptions): WorkforceWiring {
  const store = new WorkforceStore(o.db, IdentityCipher.fromVault(o.vault));
  const dirs = workforceDirs(o.dataDir);
  const timeZone = () => o.site?.().timeZone ?? o.timeZone?.() ?? 'Asia/Shanghai';
  // Registry (花名册): the rules over the store; photo, import and export routes; the demo roster,
  // seeded first so the gates' headcount and the demo traffic find it.
  let registryHttp: RegistryHttp | null = null;
  const registry = new RegistryService(store, {
    today: () => todayIn(timeZone()),
    audit: o.audit ?? ((event) => o.log.warn('audit chain not wired; reveal logged only', { ...event })),
    photoUrl: (file) => registryHttp?.photoUrl(file) ?? null,
  });
  const services: Service[] = [];
  const rawRoutes: RawRoutes[] = [];
  if (o.auth) {
    registryHttp = new RegistryHttp(registry, new ImportService(registry), o.auth, dirs.photos, o.log.child('registry'));
    rawRoutes.push(registryHttp);
  }
  if (o.simulate) services.push(new DemoWorkforceSeeder(registry, dirs.photos, o.log.child('demo-roster')));
  // Attendance (考勤台账, 工资表): rules from the site file, documents made in worker threads into DATA/workforce/exports.
  const rules = () => attendanceRulesOf(o.site?.().workforce);
  const attendance: AttendanceWiring = {
    service: new AttendanceService({ db: o.db, rules, timeZone, projectName: () => o.site?.().name ?? '' }),
    documents: new DocumentJobs(dirs.exports),
    rules,
  };
  if (o.auth) rawRoutes.push(new AttendanceHttp(attendance.documents, o.auth.mediaTickets));
  // Training and exams: the console's routes are in the API table; the phones' are a raw group.
  const training = new TrainingService(new TrainingStore(o.db), store);
  if (o.simulate && training.store.courseCount() === 0) seedDemoCourses(training);
  const identity = new WorkerIdentity(training, o.log.child('worker-portal'), timeZone, (workerId, month) =>
    attendance.service.attendanceDaysOf(workerId, month).reduce((halves, day) => halves + halfDaysOf(day.credit), 0) / 2,
  );
  rawRoutes.push(
    new WorkerPortalHttp(training, identity, dirs.courses, o.log.child('worker-portal')),
    new TrainingMaterialUpload(training, () => o.auth ?? null, dirs.courses, o.log.child('training')),
  );
  const wiring: WorkforceWiring = { store, dirs, registry, training, endpoint: o.endpoint ?? (() => null), services, rawRoutes, attendance };
  if (o.gates) {
    const g = o.gates;
    const gates = new GateSystem({
      store,
      vault: o.vault,
      site: g.site,
      raise: (evaluation, options) => g.alarms.raiseCondition(evaluation, options),
      activeAlarmKeys: () => g.alarms.engine.alarms().filter((a) => a.conditionActive).map((a) => a.conditionKey),
      publishTotal: (onSite) => g.hub.publish({ type: 'roster', onSite }),
      publishHeadcount: (headcount) => g.hub.publish({ type: 'headcount', headcount }),
      ...(g.heard ? { heard: g.heard } : {}),
      log: o.log.child('gates'),
    });
    wiring.gates = gates;
    wiring.services.push(gates);
    wiring.rawRoutes.push(new GateHttp(gates, g.auth, dirs.captures, o.log.child('gate-http')));
  }
  return wiring;
}
