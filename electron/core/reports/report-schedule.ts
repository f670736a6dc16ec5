import { addDays, isoWeekday, periodContaining, type ReportKind } from '../../common/reports.js';
import { minutesOf, siteLocal } from '../workforce/attendance-clock.js';
import type { ReportSettings } from './report-settings-schema.js';

/** How often the schedule looks at the clock. */
export const SCHEDULE_TICK_MS = 30_000;

export interface ScheduleTarget {
  /** Whether the schedule's run for `key` was made already (survives restarts: stored). */
  made(key: string): boolean;
  submit(kind: ReportKind, from: string, to: string, key: string): void;
}

/**
 * The reports' schedule in the site's local time: at `dailyAt` the report of the day before; on
 * Mondays at `weeklyAt` the week before; on the 1st at `monthlyAt` the month before. A core started
 * after that time on that day still makes it (the key, `kind:from`, makes each run happen once).
 */
export class ReportSchedule {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly target: ScheduleTarget,
    private readonly settings: () => ReportSettings,
    private readonly timeZone: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), SCHEDULE_TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The runs due now (and submits those not made yet); returned for tests and logs. */
  tick(): string[] {
    const s = this.settings();
    if (!s.schedule) return [];
    const { day, minute } = siteLocal(this.now(), this.timeZone());
    const due: Array<[ReportKind, string]> = [];
    if (minute >= minutesOf(s.dailyAt)) due.push(['daily', addDays(day, -1)]);
    if (isoWeekday(day) === 1 && minute >= minutesOf(s.weeklyAt)) due.push(['weekly', addDays(day, -7)]);
    if (day.endsWith('-01') && minute >= minutesOf(s.monthlyAt)) due.push(['monthly', addDays(day, -1)]);
    const submitted: string[] = [];
    for (const [kind, inside] of due) {
      const { from, to } = periodContaining(kind, inside);
      const key = `${kind}:${from}`;
      if (this.target.made(key)) continue;
      this.target.submit(kind, from, to, key);
      submitted.push(key);
    }
    return submitted;
  }
}
