/**
 * Site reports (施工日志 / 安全日志 style daily reports, weekly and monthly reports): their kinds,
 * periods in the site's days, and the job a report is while being made. Shared by the core, the
 * API and the console.
 */
import type { UserRole } from './api/auth.js';

export type ReportKind = 'daily' | 'weekly' | 'monthly';
export const REPORT_KINDS: readonly ReportKind[] = ['daily', 'weekly', 'monthly'];

/** Who may make a report (the project manager, the safety officer, administrators); every signed-in role may list and download. */
export const REPORT_MAKERS: readonly UserRole[] = ['admin', 'manager', 'safety'];

/** queued → gathering (section k of n) → rendering → done | failed. */
export type ReportState = 'queued' | 'gathering' | 'rendering' | 'done' | 'failed';

export interface ReportFileInfo {
  format: 'pdf' | 'xlsx';
  /** Path under DATA/reports, e.g. `2026/03/daily-2026-03-14-1a2b3c.pdf`. */
  file: string;
  bytes: number;
  sha256: string;
}

/** One report as listed (stored in SQLite, migration 17). */
export interface ReportRecord {
  id: string;
  kind: ReportKind;
  /** First and last site day, `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
  timeZone: string;
  state: ReportState;
  /** While gathering: the section being built (1-based) and how many there are. */
  section: number;
  sections: number;
  files: ReportFileInfo[];
  /** The user who asked for it, or `schedule`. */
  madeBy: string;
  requestedAt: number;
  finishedAt: number | null;
  /** Why it failed (English, for the operator). */
  error: string | null;
}

/** Days as `YYYY-MM-DD` calendar arithmetic (no time zone involved). */
const DAY_MS = 86_400_000;
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/** Day of the week, 1 = Monday … 7 = Sunday (ISO 8601). */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function lastDayOfMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The period of `kind` that contains `day`: the day; its ISO week (Monday–Sunday); its calendar month. */
export function periodContaining(kind: ReportKind, day: string): { from: string; to: string } {
  if (kind === 'daily') return { from: day, to: day };
  if (kind === 'weekly') {
    const from = addDays(day, 1 - isoWeekday(day));
    return { from, to: addDays(from, 6) };
  }
  const from = `${day.slice(0, 7)}-01`;
  return { from, to: lastDayOfMonth(from) };
}

/** Why a requested period cannot be reported, or null when it can (the field to fix with it). */
export function periodProblem(kind: ReportKind, from: string, to: string, today: string): { field: 'from' | 'to'; message: string } | null {
  if (!isCalendarDay(from)) return { field: 'from', message: `"${from}" is not a calendar day (YYYY-MM-DD)` };
  if (!isCalendarDay(to)) return { field: 'to', message: `"${to}" is not a calendar day (YYYY-MM-DD)` };
  if (from > to) return { field: 'from', message: `the period starts (${from}) after it ends (${to})` };
  if (from > today) return { field: 'from', message: `${from} is in the future (today is ${today} on the site); a report covers days that have begun` };
  const expected = periodContaining(kind, from);
  if (expected.from !== from || expected.to !== to) {
    const what = kind === 'daily' ? 'one day' : kind === 'weekly' ? 'one week, Monday to Sunday' : 'one calendar month, from the 1st to its last day';
    return { field: 'to', message: `a ${kind} report covers ${what}: ${expected.from} to ${expected.to}, not ${from} to ${to}` };
  }
  return null;
}

export const REPORT_KIND_TEXT: Record<ReportKind, string> = { daily: '日报', weekly: '周报', monthly: '月报' };

/** `施工安全日报 2026-03-14`, `周报 2026-03-09 至 2026-03-15`, `月报 2026年3月`. */
export function reportTitle(kind: ReportKind, from: string, to: string): string {
  if (kind === 'daily') return `施工与安全日志（日报）${from}`;
  if (kind === 'weekly') return `项目周报 ${from} 至 ${to}`;
  return `项目月报 ${from.slice(0, 4)}年${Number(from.slice(5, 7))}月`;
}
