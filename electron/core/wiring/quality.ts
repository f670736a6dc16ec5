import { join } from 'node:path';
import type { QualityAssignee } from '../../common/api/quality.js';
import type { AlarmService } from '../alarms/alarm-service.js';
import type { SecurityEvent } from '../alarms/alarm-store.js';
import type { RawRoutes } from '../api/http-server.js';
import type { AuthService } from '../auth/auth-service.js';
import type { SiteConfig } from '../config/site-schema.js';
import type { Logger } from '../log/logger.js';
import type { PanoramaService } from '../panoramas/panorama-service.js';
import { DemoQualitySeeder } from '../quality/demo-quality.js';
import { onSiteAssignees, registryNames } from '../quality/on-site.js';
import { OverdueWatch } from '../quality/overdue-watch.js';
import { QualityHttp } from '../quality/quality-http.js';
import { QualityService } from '../quality/quality-service.js';
import { QualityStore } from '../quality/quality-store.js';
import { createQualityReportSections } from '../quality/report-sections.js';
import type { ReportSection } from '../reports/report-section.js';
import type { Service } from '../services/service-registry.js';
import { prepareDataDirectory, type Database } from '../store/database.js';

export interface QualityWiringOptions {
  db: Database;
  dataDir: string;
  log: Logger;
  auth: AuthService;
  site: () => SiteConfig;
  /** Overdue notices raise alarms here; each step goes to its audit chain. */
  alarms?: AlarmService;
  /** Panorama captures, for locations pinned on a capture (absent: such locations are refused). */
  panoramas?: PanoramaService;
  /** The demo simulator runs: seed demo inspections and a notice when none exist. */
  simulate?: boolean;
  /** Every step's audit event, also handed here (the authority's notices send their answers up). */
  onStep?: (event: SecurityEvent) => void;
  now?: () => number;
}

/** Inspections and rectification notices: store, rules, overdue alarms, photo routes, demo records. */
export interface QualityWiring {
  service: QualityService;
  /** Companies and teams on the project now (a notice goes to one of them). */
  assignees: () => QualityAssignee[];
  watch: OverdueWatch;
  /** Started after the workforce (the demo records need its roster). */
  services: Service[];
  rawRoutes: RawRoutes[];
  /** The quality section of the daily/weekly/monthly reports (order 60). */
  reportSections: () => ReportSection[];
}

export function wireQuality(o: QualityWiringOptions): QualityWiring {
  const photosDir = join(o.dataDir, 'quality', 'photos');
  prepareDataDirectory(join(o.dataDir, 'quality'));
  prepareDataDirectory(photosDir);
  const store = new QualityStore(o.db);
  const http = new QualityHttp(store, o.auth, photosDir, o.log.child('quality-http'));
  const assignees = () => onSiteAssignees(o.db);
  const names = () => registryNames(o.db);
  let watch: OverdueWatch | null = null;
  const service = new QualityService({
    store,
    assignees,
    names,
    buildings: () => o.site().model.buildings,
    capture: (captureId) => {
      const capture = o.panoramas?.captures.byId(captureId);
      return capture ? { pointName: o.panoramas?.pointById(capture.pointId)?.name ?? null } : undefined;
    },
    timeZone: () => o.site().timeZone,
    photoUrl: (file) => http.photoUrl(file),
    audit: (event: SecurityEvent) => {
      o.alarms?.store.recordSecurityEvent(event);
      o.onStep?.(event);
    },
    changed: () => watch?.check(),
    ...(o.now ? { now: o.now } : {}),
  });
  const alarms = o.alarms;
  watch = new OverdueWatch({
    overdue: () => service.overdue(),
    companyName: (id) => names().companies.get(id) ?? `#${id}`,
    raise: (evaluation, options) => alarms?.raiseCondition(evaluation, options),
    activeKeys: () => alarms?.engine.alarms().filter((a) => a.conditionActive).map((a) => a.conditionKey) ?? [],
    log: o.log.child('quality-overdue'),
    ...(o.now ? { now: o.now } : {}),
  });
  const services: Service[] = [];
  if (o.simulate) services.push(new DemoQualitySeeder(service, photosDir, assignees, () => o.site().model.buildings, o.log.child('demo-quality')));
  services.push(watch);
  const reportSections = () => createQualityReportSections({ db: o.db, locationText: (json) => service.locationText(json ? JSON.parse(json) : null) });
  return { service, assignees, watch, services, rawRoutes: [http], reportSections };
}
