import { join } from 'node:path';
import type { RawRoutes } from '../api/http-server.js';
import type { AuthService } from '../auth/auth-service.js';
import type { SiteConfig } from '../config/site-schema.js';
import type { Logger } from '../log/logger.js';
import { ReportHttp } from '../reports/report-http.js';
import type { ReportHandlerDeps } from '../reports/report-handlers.js';
import { ReportJobs } from '../reports/report-jobs.js';
import { ReportSchedule } from '../reports/report-schedule.js';
import type { ReportSection } from '../reports/report-section.js';
import { DEFAULT_REPORT_SETTINGS } from '../reports/report-settings-schema.js';
import { ReportStore } from '../reports/report-store.js';
import { createAlarmsSection } from '../reports/sections/alarms-section.js';
import { createPanoramasSection } from '../reports/sections/panoramas-section.js';
import { createWeatherSection } from '../reports/sections/weather-section.js';
import { createWorkforceSection } from '../reports/sections/workforce-section.js';
import type { Service } from '../services/service-registry.js';
import type { Database } from '../store/database.js';

export interface ReportsWiringOptions {
  db: Database;
  dataDir: string;
  /** The site file as in force now (name, time zone, devices, capture points, `reports` schedule). */
  site: () => SiteConfig;
  auth: AuthService;
  log: Logger;
  /**
   * The other areas' sections (statistics' equipment and environment, quality, progress), added to
   * the reports' own: a plain array, e.g. `[...createStatisticsReportSections(…), ...createQualityReportSections(…)]`.
   */
  sections?: ReportSection[];
  now?: () => number;
}

export interface ReportsWiring {
  jobs: ReportJobs;
  /** The schedule (a service: started with the core, stopped before the store). */
  service: Service;
  /** The download route. */
  rawRoutes: RawRoutes[];
  /** For createApiHandlers (`reports:`). */
  handlers: ReportHandlerDeps;
  /** Every section the reports print, in order. */
  sections: ReportSection[];
}

/** The reports' own sections: weather (10), workforce (20), alarms (40), panoramas (80). */
export function ownReportSections(db: Database, site: () => SiteConfig): ReportSection[] {
  const deviceName = (id: string) => site().devices.find((d) => d.id === id)?.name ?? id;
  return [
    createWeatherSection(db, () => site().devices.filter((d) => d.kind === 'dust').map((d) => ({ id: d.id, name: d.name }))),
    createWorkforceSection(db),
    createAlarmsSection(db, deviceName),
    createPanoramasSection(db, (id) => site().panoramas?.points.find((p) => p.id === id)?.name ?? null),
  ];
}

/**
 * TEST KNOB, off by default: `SITE_COMMAND_TEST_NO_REPORT_SCHEDULE=1` keeps the report schedule
 * from running (reports on demand work as ever). Only the test harness sets it (the core processes
 * the integration and e2e tests start): a core started after the daily time renders the day
 * before's report (PDF + XLSX, seconds of CPU) at once, and its stop waits for that render, which
 * on the test machine's two cores slowed every test that starts a core. The schedule itself is
 * tested directly (report-schedule's unit tests). No installation sets it.
 */
export function reportScheduleOffForTests(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SITE_COMMAND_TEST_NO_REPORT_SCHEDULE === '1';
}

/** Reports: sections → PDF + XLSX in DATA/reports, the list (migration 17), the schedule, downloads. */
export function wireReports(o: ReportsWiringOptions): ReportsWiring {
  const dir = join(o.dataDir, 'reports');
  const timeZone = () => o.site().timeZone;
  const sections = [...ownReportSections(o.db, o.site), ...(o.sections ?? [])].sort((a, b) => a.order - b.order);
  const log = o.log.child('reports');
  const store = new ReportStore(o.db);
  const jobs = new ReportJobs({
    store,
    dir,
    sections: () => sections,
    projectName: () => o.site().name,
    timeZone,
    ...(o.now ? { now: o.now } : {}),
    onChange: (r) => {
      if (r.state === 'failed') log.warn('report failed', { id: r.id, kind: r.kind, from: r.from, error: r.error });
      if (r.state === 'done') log.info('report made', { id: r.id, kind: r.kind, from: r.from, by: r.madeBy });
    },
  });
  const schedule = new ReportSchedule(
    { made: (key) => store.hasScheduleKey(key), submit: (kind, from, to, key) => jobs.submit(kind, from, to, 'schedule', key) },
    () => o.site().reports ?? DEFAULT_REPORT_SETTINGS,
    timeZone,
    o.now,
  );
  const service: Service = {
    name: 'reports',
    required: false,
    async start() {
      if (!reportScheduleOffForTests()) schedule.start();
    },
    async stop() {
      schedule.stop();
      await jobs.idle();
    },
  };
  return { jobs, service, rawRoutes: [new ReportHttp(jobs, dir, o.auth)], handlers: { jobs, timeZone, tickets: () => o.auth.mediaTickets, ...(o.now ? { now: o.now } : {}) }, sections };
}
