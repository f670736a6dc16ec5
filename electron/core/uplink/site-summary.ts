import type { Alarm } from '../../common/alarms.js';
import type { DeviceView } from '../../common/site.js';
import type { PriorityCounts, SiteSummaryBody } from '../../common/supervision.js';
import type { Database } from '../store/database.js';
import { siteLocal } from '../workforce/attendance-clock.js';

/** What the core has now, read when a summary is built (every `summaryEverySeconds`). */
export interface SummarySources {
  timeZone(): string;
  /** Alarms annunciated now (the alarm service's list). */
  alarms(): readonly Alarm[];
  devices(): readonly DeviceView[];
  /** Who is inside now (the gates' headcount); null without gates. */
  headcount(): { total: number; managers: number } | null;
  consoleUrl?: string | undefined;
  now?: () => number;
}

/** Condition keys of certificate problems: expired certificates, operators on duty without one. */
const CERTIFICATE_KEYS = [/^workforce:certificate:/, /:operator-certificate$/];

/**
 * A summary of the site for the supervision platform (SiteSummaryBody): open alarms from the
 * alarm service, today's figures from the statistics read models (stat_alarms, stat_env_hours,
 * stat_presence — the same rows the site's own dashboards read, so the authority sees the site's
 * figures), rectification notices past their due day, device states. Today = the site's day.
 */
export function buildSiteSummary(db: Database, sources: SummarySources): SiteSummaryBody {
  const now = (sources.now ?? Date.now)();
  const timeZone = sources.timeZone();
  const day = siteLocal(now, timeZone).day;
  const alarms = sources.alarms();
  const devices = sources.devices();
  const openAlarms: PriorityCounts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const alarm of alarms) if (alarm.state !== 'normal') openAlarms[alarm.priority] += 1;
  const cranes = devices.filter((d) => d.kind === 'crane').map((d) => d.id);
  const craneAlarmsToday = cranes.length
    ? (db.prepare(`SELECT count(*) AS n FROM stat_alarms WHERE day = ? AND source_device IN (${cranes.map(() => '?').join(',')})`).get(day, ...cranes) as { n: number }).n
    : 0;
  const dust = db
    .prepare(`SELECT count(*) AS judged, coalesce(sum(over), 0) AS over FROM stat_env_hours WHERE day = ? AND pollutant IN ('pm10', 'pm25', 'tsp')`)
    .get(day) as { judged: number; over: number };
  const attendance = readAttendance(db, day);
  const overdue = (db.prepare(`SELECT count(*) AS n FROM q_notices WHERE state <> 'closed' AND due_date < ?`).get(day) as { n: number }).n;
  const headcount = sources.headcount();
  const summary: SiteSummaryBody = {
    day,
    timeZone,
    openAlarms,
    craneAlarmsToday,
    dustExceedancesToday: dust.over,
    dustComplianceRate: dust.judged > 0 ? round3(1 - dust.over / dust.judged) : null,
    headcount: headcount?.total ?? 0,
    managersPresent: headcount?.managers ?? 0,
    attendanceRate: attendance.rostered > 0 ? round3(Math.min(1, attendance.attended / attendance.rostered)) : null,
    certificateProblems: alarms.filter((a) => a.state !== 'normal' && CERTIFICATE_KEYS.some((k) => k.test(a.conditionKey))).length,
    overdueRectifications: overdue,
    devicesOffline: devices.filter((d) => d.status === 'offline').length,
    devicesTotal: devices.length,
    blacklistedDevicesInUse: devices.filter((d) => d.blacklisted && d.status === 'online' && !d.outOfService).length,
  };
  if (sources.consoleUrl) summary.consoleUrl = sources.consoleUrl;
  return summary;
}

/** Workers present today (first counted entry, stat_presence) and workers on the roster (open stints). */
export function readAttendance(db: Database, day: string): { attended: number; rostered: number } {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM stat_presence WHERE day = @day) AS attended,
              (SELECT count(*) FROM wf_memberships WHERE exited_on IS NULL AND entered_on <= @day) AS rostered`,
    )
    .get({ day }) as { attended: number; rostered: number };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
