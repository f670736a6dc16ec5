import type { ConditionEvaluation } from '../../common/alarms.js';
import type { CertificateWatchRow, NoInductionRow } from '../../common/api/gates.js';
import { CERTIFICATE_EXPIRY_WARNING_DAYS, type CertificateType } from '../../common/workforce.js';
import { flagCondition } from '../alarms/rules/condition.js';
import { siteLocalTime } from '../alarms/rules/site-clock.js';
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import type { Database } from '../store/database.js';
import { certificateNames } from './certificate-names.js';
import { WORKFORCE_ALARM_SOURCE } from '../../common/workforce.js';

/** The expiry check runs at start and then hourly (a certificate ends at the end of its day, site time). */
const CHECK_EVERY_MS = 3600_000;
/** Condition keys of expired-certificate alarms start with this. */
const KEY_PREFIX = 'workforce:certificate:';
/** The alarms' source: the workforce as a whole, not a device (the constant both sides know). */
export const WORKFORCE_SOURCE = WORKFORCE_ALARM_SOURCE;

export interface CertificateWatchDeps {
  db: Database;
  timeZone: string;
  raise: (evaluation: ConditionEvaluation, options: { event?: boolean; now?: number }) => void;
  /** Condition keys of expired-certificate alarms active now (restored from the alarm store at start). */
  activeKeys: () => string[];
  isInside: (workerId: number) => boolean;
  log: Logger;
  now?: () => number;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `day` plus `n` days (YYYY-MM-DD). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Special-operation certificates of workers on the project (open stint): those ending within 30
 * days (CERTIFICATE_EXPIRY_WARNING_DAYS; review is applied for within 3 months of expiry,
 * 建质〔2008〕75号), and those already ended with no newer valid one of the same type, which
 * raise a medium alarm per worker and type — active until the certificate is renewed or the worker
 * leaves the project. Checked at start and hourly, by the site's calendar day.
 */
export class CertificateWatch implements Service {
  readonly name = 'certificate-watch';
  readonly required = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: CertificateWatchDeps) {
    this.now = deps.now ?? Date.now;
  }

  async start(): Promise<void> {
    this.check();
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  today(): string {
    return siteLocalTime(this.now(), this.deps.timeZone).day;
  }

  /** Valid today, ending within the warning window, holder on the project; soonest first. */
  expiring(): CertificateWatchRow[] {
    const today = this.today();
    return this.rows('c.valid_from <= ? AND c.valid_to >= ? AND c.valid_to <= ?', [today, today, addDays(today, CERTIFICATE_EXPIRY_WARNING_DAYS)], today);
  }

  /** Ended, holder on the project, and no valid certificate of the same type today. */
  expired(): CertificateWatchRow[] {
    const today = this.today();
    return this.rows(
      `c.valid_to < ? AND NOT EXISTS (SELECT 1 FROM wf_certificates v WHERE v.worker_id = c.worker_id AND v.type = c.type AND v.valid_from <= ? AND v.valid_to >= ?)
       AND c.valid_to = (SELECT MAX(l.valid_to) FROM wf_certificates l WHERE l.worker_id = c.worker_id AND l.type = c.type)`,
      [today, today, today],
      today,
    );
  }

  /** Workers on the project without a passed induction course (三级安全教育). */
  noInduction(): NoInductionRow[] {
    const rows = this.deps.db
      .prepare(
        `SELECT w.id, w.name, co.name AS company, t.name AS team FROM wf_workers w
           JOIN wf_memberships m ON m.worker_id = w.id AND m.exited_on IS NULL
           LEFT JOIN wf_companies co ON co.id = m.company_id
           LEFT JOIN wf_teams t ON t.id = m.team_id
          WHERE NOT EXISTS (SELECT 1 FROM wf_training_records r WHERE r.worker_id = w.id AND r.kind = 'induction' AND r.passed = 1)
          ORDER BY w.id LIMIT 1000`,
      )
      .all() as Array<Record<string, unknown>>;
    return rows.map((r) => ({ workerId: r.id as number, name: r.name as string, company: (r.company as string | null) ?? null, team: (r.team as string | null) ?? null, inside: this.deps.isInside(r.id as number) }));
  }

  /** Raises an alarm for each expired certificate on the project, and clears those renewed or whose holder left. */
  check(): void {
    const now = this.now();
    const expired = this.expired();
    const current = new Set<string>();
    for (const row of expired) {
      const ev = this.condition(row, true);
      current.add(ev.conditionKey);
      this.deps.raise(ev, { now });
    }
    for (const key of this.deps.activeKeys()) {
      if (!key.startsWith(KEY_PREFIX) || current.has(key)) continue;
      this.deps.raise(
        flagCondition({ conditionKey: key, sourceDevice: WORKFORCE_SOURCE, priority: 'medium', message: 'certificate renewed or holder left the project', active: false, onDelayMs: 0, offDelayMs: 0 }),
        { now },
      );
    }
    if (expired.length) this.deps.log.info('expired special-operation certificates on the project', { count: expired.length });
  }

  private condition(row: CertificateWatchRow, active: boolean): ConditionEvaluation {
    const names = certificateNames(row.type);
    return flagCondition({
      conditionKey: `${KEY_PREFIX}${row.workerId}:${row.type}`,
      sourceDevice: WORKFORCE_SOURCE,
      priority: 'medium',
      message: `${row.workerName}'s ${names.en} certificate ${row.number} expired on ${row.validTo}; ${row.inside ? 'inside the site now' : 'on the project'}`,
      text: { key: 'certificate.expired', params: { person: row.workerName, certZh: names.zh, certEn: names.en, number: row.number, date: row.validTo } },
      active,
      onDelayMs: 0,
      offDelayMs: 0,
    });
  }

  private rows(where: string, params: unknown[], today: string): CertificateWatchRow[] {
    const rows = this.deps.db
      .prepare(
        `SELECT c.id, c.worker_id, w.name, co.name AS company, c.type, c.number, c.valid_to FROM wf_certificates c
           JOIN wf_workers w ON w.id = c.worker_id
           JOIN wf_memberships m ON m.worker_id = c.worker_id AND m.exited_on IS NULL
           LEFT JOIN wf_companies co ON co.id = m.company_id
          WHERE ${where} ORDER BY c.valid_to, c.id LIMIT 2000`,
      )
      .all(...params) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      certificateId: r.id as number,
      workerId: r.worker_id as number,
      workerName: r.name as string,
      company: (r.company as string | null) ?? null,
      type: r.type as CertificateType,
      number: r.number as string,
      validTo: r.valid_to as string,
      daysLeft: daysBetween(today, r.valid_to as string),
      onProject: true,
      inside: this.deps.isInside(r.worker_id as number),
    }));
  }
}
