import { z } from 'zod';
import { DEFAULT_ATTENDANCE_RULE, type AttendanceRule } from '../../common/attendance.js';

/**
 * `workforce.attendance` in the site file: the attendance rule's versions. Each version applies
 * from its `from` day (site time) to the next one's; what a field left out means is
 * DEFAULT_ATTENDANCE_RULE (common/attendance.ts). Example:
 *
 * ```json
 * "workforce": { "attendance": { "rules": [
 *   { "from": "2026-01-01", "kind": "span", "minHours": 4 },
 *   { "from": "2026-07-01", "kind": "windows", "windows": [{ "start": "08:00", "end": "11:00" }, { "start": "13:00", "end": "18:00" }],
 *     "missingExit": { "mode": "not-counted" } }
 * ] } }
 * ```
 */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a site-local time HH:MM (00:00–23:59)');
const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day YYYY-MM-DD (site time)')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a real calendar day');
const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

const ruleInput = z
  .object({
    from: calendarDay,
    kind: z.enum(['span', 'windows']).default('span'),
    minHours: z.number().positive().max(24).default(DEFAULT_ATTENDANCE_RULE.minHours),
    halfDayMinHours: z.number().positive().max(24).nullable().default(null),
    windows: z.array(z.object({ start: hhmm, end: hhmm }).strict()).max(6).default([]),
    halfDayWindows: z.boolean().default(false),
    hours: z.enum(['span', 'intervals']).default('span'),
    missingExit: z
      .discriminatedUnion('mode', [z.object({ mode: z.literal('credit'), creditTo: hhmm }).strict(), z.object({ mode: z.literal('not-counted') }).strict()])
      .default(DEFAULT_ATTENDANCE_RULE.missingExit),
    dayBoundary: hhmm.refine((t) => toMinutes(t) <= 12 * 60, 'a day boundary between 00:00 and 12:00').default(DEFAULT_ATTENDANCE_RULE.dayBoundary),
    maxShiftHours: z.number().positive().max(24).default(DEFAULT_ATTENDANCE_RULE.maxShiftHours),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.kind === 'windows' && rule.windows.length === 0) ctx.addIssue({ code: 'custom', path: ['windows'], message: 'a "windows" rule needs at least one window' });
    rule.windows.forEach((w, i) => {
      if (toMinutes(w.start) >= toMinutes(w.end)) ctx.addIssue({ code: 'custom', path: ['windows', i], message: `window ${w.start}–${w.end} must start before it ends` });
      const prev = rule.windows[i - 1];
      if (prev && toMinutes(w.start) < toMinutes(prev.end)) ctx.addIssue({ code: 'custom', path: ['windows', i], message: 'windows must be in order and not overlap' });
    });
    if (rule.halfDayMinHours !== null && rule.halfDayMinHours >= rule.minHours) {
      ctx.addIssue({ code: 'custom', path: ['halfDayMinHours'], message: `half-day hours must be fewer than minHours (${rule.minHours})` });
    }
  });

export const attendanceSettings = z
  .object({
    rules: z
      .array(ruleInput)
      .max(100)
      .default([])
      .superRefine((rules, ctx) => {
        rules.forEach((r, i) => {
          const prev = rules[i - 1];
          if (prev && r.from <= prev.from) ctx.addIssue({ code: 'custom', path: [i, 'from'], message: `rule versions must be in date order, each from a later day than the one before (${prev.from})` });
        });
      }),
  })
  .strict();

/** `workforce` in the site file (the attendance rule; other workforce settings join here). */
export const workforceSettings = z.object({ attendance: attendanceSettings.optional() }).strict();

export type AttendanceSettings = z.infer<typeof attendanceSettings>;

/** The rule versions in force, oldest first; the default rule when the site file states none. */
export function attendanceRulesOf(settings: { attendance?: AttendanceSettings } | undefined): AttendanceRule[] {
  const rules = settings?.attendance?.rules ?? [];
  return rules.length ? rules.map((r) => ({ ...r, windows: r.windows.map((w) => ({ ...w })) })) : [DEFAULT_ATTENDANCE_RULE];
}
