import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM, e.g. 06:00');

/**
 * The site file's `reports` block: when the schedule makes each report, in the site's time zone.
 * The daily report for the day before at `dailyAt`; the weekly report (Monday–Sunday) on Monday at
 * `weeklyAt`; the monthly report on the 1st at `monthlyAt`. `schedule: false` turns the schedule off
 * (reports are still made on demand).
 */
export const reportSettings = z
  .object({
    schedule: z.boolean().default(true),
    dailyAt: hhmm.default('06:00'),
    weeklyAt: hhmm.default('06:00'),
    monthlyAt: hhmm.default('06:00'),
  })
  .strict();

export type ReportSettings = z.infer<typeof reportSettings>;

export const DEFAULT_REPORT_SETTINGS: ReportSettings = { schedule: true, dailyAt: '06:00', weeklyAt: '06:00', monthlyAt: '06:00' };
