import { addDays, type ReportKind } from '../../common/reports.js';
import { siteInstant, siteLocal } from '../workforce/attendance-clock.js';
import type { ReportPeriod } from './report-section.js';

/** The period `from`…`to` (site days, inclusive) with its instants in `timeZone`. */
export function reportPeriod(kind: ReportKind, from: string, to: string, timeZone: string): ReportPeriod {
  return { kind, from, to, timeZone, startMs: siteInstant(from, 0, timeZone), endMs: siteInstant(addDays(to, 1), 0, timeZone) };
}

/** Every site day of the period, in order. */
export function periodDays(period: Pick<ReportPeriod, 'from' | 'to'>): string[] {
  const days: string[] = [];
  for (let d = period.from; d <= period.to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** `[startMs, endMs)` of one site day. */
export function dayBounds(day: string, timeZone: string): { startMs: number; endMs: number } {
  return { startMs: siteInstant(day, 0, timeZone), endMs: siteInstant(addDays(day, 1), 0, timeZone) };
}

/** `2026-03-14 08:05` in the site's time zone. */
export function siteStamp(ms: number | null, timeZone: string): string {
  if (ms === null) return '';
  const { day, minute } = siteLocal(ms, timeZone);
  return `${day} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** The parameters every section's source carries: the period as asked and its instants. */
export function periodParams(p: ReportPeriod): Record<string, string | number> {
  return { from: p.from, to: p.to, timeZone: p.timeZone, startMs: p.startMs, endMs: p.endMs };
}
