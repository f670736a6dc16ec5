import { type AttendanceDay, type AttendanceRule, type DayCredit, type DayFlag } from '../../common/attendance.js';
import { minutesOf, nextDay, siteInstant, siteLocal } from './attendance-clock.js';

/**
 * From one worker's gate punches to work days, by the attendance rule in force each day (pure).
 *
 * Pairing: an entry opens a stint and the next exit within `maxShiftHours` closes it; the stint
 * belongs to the work day of its entry (local time before `dayBoundary` belongs to the day
 * before), so a night shift from 20:00 to 06:00 is one day, the first. A second entry on the same
 * work day while a stint is open is a repeat and ignored; an entry on a later day leaves the open
 * stint without an exit. An exit with no open stint is a missing entry: it can move that day's
 * last exit later (the span) but adds no stint (the sum of intervals), and is flagged.
 *
 * A stint still open when the work day has not ended yet (`now`) is the worker on site now: its
 * hours run to `now` and the day is flagged `on-site`, not `missing-exit`.
 */

/** One punch that counts for attendance: an admitted entry or a recorded exit. */
export interface Punch {
  at: number;
  direction: 'in' | 'out';
}

interface Stint {
  day: string;
  in: number | null;
  out: number | null;
  /** How the stint ended when no exit closed it. */
  open?: 'missing-exit' | 'on-site';
}

/** The version in force on `day`: the last whose `from` is on or before it (the first before any). */
export function ruleFor(rules: readonly AttendanceRule[], day: string): AttendanceRule {
  let chosen = rules[0]!;
  for (const r of rules) if (r.from <= day) chosen = r;
  return chosen;
}

/** The work day an instant belongs to (the local day, or the one before when before the boundary). */
export function workDayOf(at: number, rules: readonly AttendanceRule[], timeZone: string): string {
  const local = siteLocal(at, timeZone);
  const before = ruleFor(rules, local.day);
  return local.minute < minutesOf(before.dayBoundary) ? nextDay(local.day, -1) : local.day;
}

/** When work day `day` ends: the next day's boundary, site time. */
export function workDayEnd(day: string, rules: readonly AttendanceRule[], timeZone: string): number {
  return siteInstant(day, 1440 + minutesOf(ruleFor(rules, nextDay(day)).dayBoundary), timeZone);
}

function pairStints(punches: readonly Punch[], rules: readonly AttendanceRule[], timeZone: string, now: number): Stint[] {
  const stints: Stint[] = [];
  let open: { at: number; day: string } | null = null;
  const closeMissing = (o: { at: number; day: string }) => stints.push({ day: o.day, in: o.at, out: null, open: 'missing-exit' });
  for (const p of [...punches].sort((a, b) => a.at - b.at)) {
    if (p.direction === 'in') {
      const day = workDayOf(p.at, rules, timeZone);
      if (open && open.day === day) continue;
      if (open) closeMissing(open);
      open = { at: p.at, day };
      continue;
    }
    if (open && p.at - open.at <= ruleFor(rules, open.day).maxShiftHours * 3_600_000) {
      stints.push({ day: open.day, in: open.at, out: p.at });
      open = null;
      continue;
    }
    if (open) closeMissing(open);
    open = null;
    // Counted towards that day's last exit (the span), never as a stint of its own.
    stints.push({ day: workDayOf(p.at, rules, timeZone), in: null, out: p.at });
  }
  if (open) stints.push({ day: open.day, in: open.at, out: null, open: now < workDayEnd(open.day, rules, timeZone) ? 'on-site' : 'missing-exit' });
  return stints;
}

/**
 * Work days with any punch, oldest first, each decided by the rule version in force that day.
 * `now` decides whether an open stint is a worker still on site or a missing exit.
 */
export function attendanceDays(punches: readonly Punch[], rules: readonly AttendanceRule[], timeZone: string, now: number): AttendanceDay[] {
  const byDay = new Map<string, Stint[]>();
  for (const s of pairStints(punches, rules, timeZone, now)) {
    const list = byDay.get(s.day);
    if (list) list.push(s);
    else byDay.set(s.day, [s]);
  }
  return [...byDay.keys()].sort().map((day) => decideDay(day, byDay.get(day)!, ruleFor(rules, day), timeZone, now));
}

function decideDay(day: string, stints: Stint[], rule: AttendanceRule, timeZone: string, now: number): AttendanceDay {
  const flags = new Set<DayFlag>();
  const intervals: [number, number][] = [];
  const punchTimes: number[] = [];
  let notCounted = false;
  for (const s of stints) {
    if (s.in !== null) punchTimes.push(s.in);
    if (s.out !== null) punchTimes.push(s.out);
    if (s.in === null) {
      flags.add('missing-entry');
      continue;
    }
    if (s.out !== null) {
      intervals.push([s.in, s.out]);
    } else if (s.open === 'on-site') {
      flags.add('on-site');
      intervals.push([s.in, Math.max(s.in, now)]);
    } else {
      flags.add('missing-exit');
      if (rule.missingExit.mode === 'not-counted') notCounted = true;
      else intervals.push([s.in, Math.max(s.in, siteInstant(day, minutesOf(rule.missingExit.creditTo), timeZone))]);
    }
  }
  for (const [a, b] of intervals) if (siteLocal(a, timeZone).day !== siteLocal(b, timeZone).day) flags.add('overnight');
  if (punchTimes.length === 1) flags.add('single-punch');

  const ins = stints.filter((s) => s.in !== null).map((s) => s.in!);
  const ends = [...intervals.map(([, b]) => b), ...stints.filter((s) => s.in === null).map((s) => s.out!)];
  const firstIn = ins.length ? Math.min(...ins) : null;
  const lastOut = ends.length ? Math.max(...ends) : null;
  const spanMs = firstIn !== null && lastOut !== null && lastOut > firstIn ? lastOut - firstIn : 0;
  const sumMs = intervals.reduce((sum, [a, b]) => sum + (b - a), 0);
  const minutes = notCounted ? 0 : Math.floor((rule.hours === 'span' ? spanMs : sumMs) / 60_000);

  let credit: DayCredit;
  if (notCounted) credit = 'short';
  else if (rule.kind === 'span') credit = minutes >= rule.minHours * 60 ? 'full' : rule.halfDayMinHours !== null && minutes >= rule.halfDayMinHours * 60 ? 'half' : 'short';
  else credit = windowsCredit(day, punchTimes, rule, timeZone);
  return { day, credit, minutes, firstIn, lastOut: stints.some((s) => s.out !== null) ? Math.max(...stints.filter((s) => s.out !== null).map((s) => s.out!)) : null, punches: punchTimes.length, flags: [...flags].sort(), ruleFrom: rule.from };
}

/** Every window holds a punch: a day; some (when half days are on): half; else punched but not a day. */
function windowsCredit(day: string, punchTimes: number[], rule: AttendanceRule, timeZone: string): DayCredit {
  const dayStart = siteInstant(day, 0, timeZone);
  const minutesIn = punchTimes.map((t) => Math.floor((t - dayStart) / 60_000));
  const hit = rule.windows.filter((w) => minutesIn.some((m) => m >= minutesOf(w.start) && m <= minutesOf(w.end))).length;
  if (hit === rule.windows.length) return 'full';
  return rule.halfDayWindows && hit > 0 ? 'half' : 'short';
}
