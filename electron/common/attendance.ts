/**
 * Attendance (考勤) as the site office files it: what makes a day, the marks a ledger shows, and
 * the ledger and pay-sheet rows both the core and the console read. There is no national rule
 * for what makes a day or how a missing exit punch counts (建市〔2019〕18号 leaves it to the
 * project), so the site file states its own rule (`workforce.attendance.rules`); the defaults
 * below are the commonest local practice.
 */

/** How a missing exit punch (an entry never followed by an exit) is counted. */
export type MissingExitRule =
  /** The stint is credited up to `creditTo` (site time, e.g. the end of the shift) and flagged. */
  | { mode: 'credit'; creditTo: string }
  /** The day is not counted (and flagged). */
  | { mode: 'not-counted' };

/** A site-local time window, `HH:MM`–`HH:MM`, start before end. */
export interface AttendanceWindow {
  start: string;
  end: string;
}

/**
 * One version of the attendance rule, in force from `from` (a site-local day) until the next
 * version's `from`. A new version never changes a month already closed: the closed month keeps
 * the ledger (and rules) recorded when it was closed.
 */
export interface AttendanceRule {
  /** First day (`YYYY-MM-DD`, site time) this version applies to. */
  from: string;
  /**
   * `span`: first entry to last exit of the day ≥ `minHours` makes a day.
   * `windows`: at least one punch inside every window (e.g. 08:00–11:00 and 13:00–18:00).
   */
  kind: 'span' | 'windows';
  /** span: hours that make a whole day. */
  minHours: number;
  /** span: hours that make a half day (absent: no half days). */
  halfDayMinHours: number | null;
  /** windows: the windows, each needing a punch. */
  windows: AttendanceWindow[];
  /** windows: a day with punches in some but not all windows counts as a half day. */
  halfDayWindows: boolean;
  /**
   * What "hours" means (both kinds): `span` = last exit − first entry; `intervals` = the sum of
   * the entry→exit stints (breaks spent outside the gate are not counted).
   */
  hours: 'span' | 'intervals';
  missingExit: MissingExitRule;
  /**
   * Where one work day ends and the next begins, site time (`04:00`): an entry at 02:30 belongs to
   * the day before. A stint belongs to the day of its entry, however late it ends (a shift from
   * 20:00 to 06:00 is the first day's).
   */
  dayBoundary: string;
  /** An exit more than this many hours after the entry is not paired with it (a forgotten exit). */
  maxShiftHours: number;
}

/**
 * The rule when the site file states none: first entry to last exit ≥ 4 h makes a day (the
 * common local practice), hours = that span, a missing exit credited to 18:00 and flagged, the
 * work day ending at 04:00, no half days, stints up to 16 h.
 */
export const DEFAULT_ATTENDANCE_RULE: AttendanceRule = {
  from: '2000-01-01',
  kind: 'span',
  minHours: 4,
  halfDayMinHours: null,
  windows: [],
  halfDayWindows: false,
  hours: 'span',
  missingExit: { mode: 'credit', creditTo: '18:00' },
  dayBoundary: '04:00',
  maxShiftHours: 16,
};

/** Flags on a day: each shown on the ledger and explained in its legend. */
export const DAY_FLAGS = ['missing-exit', 'missing-entry', 'single-punch', 'overnight', 'on-site'] as const;
export type DayFlag = (typeof DAY_FLAGS)[number];

/** A day's result: `full` (√), `half` (半), `short` (×: punches but not a day), `none` (blank). */
export type DayCredit = 'full' | 'half' | 'short' | 'none';

/** One worker's work day, computed from gate passages by the rule in force that day. */
export interface AttendanceDay {
  /** Work day, `YYYY-MM-DD` site time. */
  day: string;
  credit: DayCredit;
  /** Minutes counted as hours (integer, so sums are exact). */
  minutes: number;
  /** First entry and last exit (epoch ms), null when missing. */
  firstIn: number | null;
  lastOut: number | null;
  punches: number;
  flags: DayFlag[];
  /** The `from` of the rule version that decided the day. */
  ruleFrom: string;
}

/** Ledger mark of a day: √ whole, 半 half, × punched but not a day, blank nothing; `*` when flagged. */
export function dayMark(credit: DayCredit, flagged: boolean): string {
  const mark = credit === 'full' ? '√' : credit === 'half' ? '半' : credit === 'short' ? '×' : '';
  return flagged && mark !== '' ? `${mark}*` : flagged ? '*' : mark;
}

/** A day worked counted in half days, so 10.5 days is the integer 21 (no fractions anywhere). */
export function halfDaysOf(credit: DayCredit): number {
  return credit === 'full' ? 2 : credit === 'half' ? 1 : 0;
}

/**
 * One row of the monthly ledger (考勤台账): one worker's stint with one company and team that
 * overlaps the month (a worker who changed team mid-month has two rows). Days outside the stint
 * are blank.
 */
export interface LedgerRow {
  workerId: number;
  membershipId: number;
  company: string;
  team: string;
  name: string;
  /** The ID number masked (110***********123X): ledgers are handed around the office. */
  idMasked: string;
  trade: string;
  enteredOn: string;
  exitedOn: string | null;
  /** Day 1…N of the month: dayMark() of each. */
  marks: string[];
  /** Day 1…N: minutes counted. */
  minutes: number[];
  /** Days worked in half days (21 = 10.5 days). */
  halfDays: number;
  /** Minutes worked in the month. */
  totalMinutes: number;
  /** Days with a flag (missing exit, single punch…), and which flags. */
  flaggedDays: number;
  flags: DayFlag[];
}

/** Totals of one team (or one company when `team` is null). */
export interface LedgerTotal {
  company: string;
  team: string | null;
  workers: number;
  halfDays: number;
  totalMinutes: number;
}

/**
 * The month's ledger. `hash` is SHA-256 (hex) over the canonical JSON of `{ month, rows }`:
 * object keys sorted, no white space, rows in ledger order (company, team, name, worker id,
 * stint id, by code point) — see core/workforce/ledger-hash.ts. Anyone with the rows can
 * recompute it; a printed ledger and its pay sheet cite it.
 */
export interface Ledger {
  month: string;
  projectName: string;
  timeZone: string;
  daysInMonth: number;
  rows: LedgerRow[];
  teams: LedgerTotal[];
  companies: LedgerTotal[];
  halfDays: number;
  totalMinutes: number;
  /** The rule versions (their `from`) that decided days of this month. */
  ruleVersions: string[];
  hash: string;
  /** When the month was closed (then the ledger is the recorded one), else null. */
  closedAt: number | null;
  closedBy: string | null;
}

/** One row of the pay sheet (工资表, paid by the general contractor from the wage account: 总包代发). */
export interface PayRow {
  workerId: number;
  membershipId: number;
  company: string;
  team: string;
  name: string;
  idMasked: string;
  trade: string;
  halfDays: number;
  totalMinutes: number;
  wageKind: 'daily' | 'hourly' | null;
  /** Per day or per hour, fen; null: no rate on the contract (amount not computed). */
  rateFen: number | null;
  /** Amount due, fen (integer); null without a rate. */
  amountFen: number | null;
  bankName: string | null;
  /** Bank card masked (622***********1234). */
  bankCardMasked: string | null;
}

export interface PayTotal {
  company: string;
  team: string | null;
  workers: number;
  amountFen: number;
}

/** The month's pay sheet, computed from the ledger whose hash it cites. */
export interface PaySheet {
  month: string;
  projectName: string;
  ledgerHash: string;
  rows: PayRow[];
  teams: PayTotal[];
  companies: PayTotal[];
  amountFen: number;
  /** Rows without a rate (paid by hand, named on the sheet). */
  withoutRate: number;
}

/** Fen as yuan text with exactly two decimals and thousands separators: 123456 → "1,234.56". */
export function yuanOf(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Half days as days text: 21 → "10.5", 20 → "10". */
export function daysText(halfDays: number): string {
  return halfDays % 2 === 0 ? String(halfDays / 2) : `${(halfDays - 1) / 2}.5`;
}

/** Minutes as hours with one decimal, rounded half up on the minute count: 485 → "8.1". */
export function hoursText(minutes: number): string {
  const tenths = Math.floor((minutes * 10 + 30) / 60);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
