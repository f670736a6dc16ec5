/**
 * Overdue rectification notices become alarms: a notice not closed by the end of its due day
 * (site time) raises a medium alarm of the quality area, one per notice, which clears when the
 * notice is closed. Checked at start, hourly, and after every change to a notice.
 */
import type { ConditionEvaluation } from '../../common/alarms.js';
import { QUALITY_ALARM_SOURCE } from '../../common/quality.js';
import { flagCondition } from '../alarms/rules/condition.js';
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import type { NoticeRow } from './quality-store.js';

/** Hourly: a due date ends at midnight site time, so an hour late at most. */
const CHECK_EVERY_MS = 3600_000;
/** Condition keys of overdue-notice alarms start with this. */
export const OVERDUE_KEY_PREFIX = 'quality:notice-overdue:';

export interface OverdueWatchDeps {
  /** Open notices past their due date now. */
  overdue: () => NoticeRow[];
  /** A company's name for the alarm text. */
  companyName: (companyId: number) => string;
  raise: (evaluation: ConditionEvaluation, options: { event?: boolean; now?: number }) => void;
  /** Condition keys of alarms active now (restored from the alarm store at start). */
  activeKeys: () => string[];
  log: Logger;
  now?: () => number;
}

export class OverdueWatch implements Service {
  readonly name = 'quality-overdue';
  readonly required = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: OverdueWatchDeps) {
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

  /** Raises an alarm for each overdue notice and clears those closed since. */
  check(): void {
    const now = this.now();
    const current = new Set<string>();
    const overdue = this.deps.overdue();
    for (const notice of overdue) {
      const company = this.deps.companyName(notice.companyId);
      const ev = flagCondition({
        conditionKey: `${OVERDUE_KEY_PREFIX}${notice.id}`,
        sourceDevice: QUALITY_ALARM_SOURCE,
        priority: 'medium',
        message: `Rectification notice ${notice.number} to ${company} was due on ${notice.dueDate} and is not closed`,
        text: { key: 'quality.overdue', params: { number: notice.number, company, date: notice.dueDate } },
        active: true,
        onDelayMs: 0,
        offDelayMs: 0,
      });
      current.add(ev.conditionKey);
      this.deps.raise(ev, { now });
    }
    for (const key of this.deps.activeKeys()) {
      if (!key.startsWith(OVERDUE_KEY_PREFIX) || current.has(key)) continue;
      this.deps.raise(
        flagCondition({ conditionKey: key, sourceDevice: QUALITY_ALARM_SOURCE, priority: 'medium', message: 'rectification notice closed', active: false, onDelayMs: 0, offDelayMs: 0 }),
        { now },
      );
    }
    if (overdue.length) this.deps.log.info('overdue rectification notices', { count: overdue.length });
  }
}
