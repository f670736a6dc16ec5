import type { AttendanceDay, AttendanceRule, Ledger, PaySheet } from '../../common/attendance.js';
import type { Database } from '../store/database.js';
import { monthDays, nextDay, siteInstant } from './attendance-clock.js';
import { attendanceDays, ruleFor } from './attendance-days.js';
import { AttendanceStore, type ClosedMonth } from './attendance-store.js';
import { buildLedger, type LedgerMember } from './ledger-build.js';
import { ledgerHash } from './ledger-hash.js';
import { buildPaySheet } from './payroll-build.js';

/** Why a month cannot be read or closed, with the field the operator should change. */
export class AttendanceRefusal extends Error {
  constructor(
    readonly code: 'bad-request' | 'not-found' | 'conflict',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface AttendanceServiceOptions {
  db: Database;
  /** The rule versions in force now (site file), oldest first. */
  rules: () => AttendanceRule[];
  timeZone: () => string;
  projectName: () => string;
  now?: () => number;
}

const HOUR_MS = 3_600_000;

/**
 * Months of attendance: days per worker, the ledger, the pay sheet, closing a month. An open
 * month is computed from the gate passages each time (late events land where they belong); a
 * closed month is served from what was recorded when it was closed, and a rule version added
 * later never touches it (its days are computed with the rules recorded with it).
 */
export class AttendanceService {
  readonly store: AttendanceStore;
  private readonly now: () => number;

  constructor(private readonly o: AttendanceServiceOptions) {
    this.store = new AttendanceStore(o.db);
    this.now = o.now ?? Date.now;
  }

  /** `YYYY-MM` checked: a real month, not after the current one (site time). */
  checkMonth(month: string): void {
    if (!/^20\d{2}-(0[1-9]|1[0-2])$/.test(month)) throw new AttendanceRefusal('bad-request', `"${month}" is not a month; write it YYYY-MM (2000–2099), e.g. 2026-03`, 'month');
    if (month > this.currentMonth()) throw new AttendanceRefusal('bad-request', `${month} has not begun yet on this site`, 'month');
  }

  /** Now as `YYYY-MM-DD HH:MM` site time (printed as the time a document was made). */
  localStamp(): string {
    const f = new Intl.DateTimeFormat('en-CA', { timeZone: this.o.timeZone(), year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const p = Object.fromEntries(f.formatToParts(new Date(this.now())).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  }

  currentMonth(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.o.timeZone(), year: 'numeric', month: '2-digit' }).format(new Date(this.now())).slice(0, 7);
  }

  /** The rules that decide `month`: those recorded when it was closed, else those in force. */
  private rulesFor(month: string): AttendanceRule[] {
    return this.store.closedMonth(month)?.rules ?? this.o.rules();
  }

  /** Every worker's days of the month (keyed by worker id); only `workerId`'s when given. */
  private daysByWorker(month: string, rules: AttendanceRule[], workerId?: number): Map<number, AttendanceDay[]> {
    const days = monthDays(month);
    const tz = this.o.timeZone();
    const maxShift = Math.max(...rules.map((r) => r.maxShiftHours));
    // From a day before the month (an entry before the boundary on the 1st) to the end of the last
    // work day plus the longest shift (a night shift that ends on the 1st of the next month).
    const from = siteInstant(days[0]!, 0, tz) - 24 * HOUR_MS;
    const to = siteInstant(nextDay(days[days.length - 1]!), 0, tz) + (12 + maxShift) * HOUR_MS;
    const punches = this.store.punchesBetween(from, to, workerId);
    const out = new Map<number, AttendanceDay[]>();
    const now = this.now();
    for (const [id, list] of punches) out.set(id, attendanceDays(list, rules, tz, now).filter((d) => d.day.startsWith(month)));
    return out;
  }

  /**
   * One worker's work days in a month (the worker's phone page shows them too). Unknown worker:
   * refused; no punches: an empty list.
   */
  attendanceDaysOf(workerId: number, month: string): AttendanceDay[] {
    this.checkMonth(month);
    if (!this.store.workerExists(workerId)) throw new AttendanceRefusal('not-found', `no worker ${workerId} in the registry`, 'workerId');
    return this.daysByWorker(month, this.rulesFor(month), workerId).get(workerId) ?? [];
  }

  private members(month: string): LedgerMember[] {
    const days = monthDays(month);
    return this.store.membersBetween(days[0]!, days[days.length - 1]!);
  }

  /** Computes the ledger from the passages with the given rules (what closing records). */
  computeLedger(month: string, rules: AttendanceRule[] = this.rulesFor(month)): Ledger {
    this.checkMonth(month);
    const byWorker = this.daysByWorker(month, rules);
    return buildLedger({ month, projectName: this.o.projectName(), timeZone: this.o.timeZone(), members: this.members(month), daysOf: (id) => byWorker.get(id) ?? [] });
  }

  /** The month's ledger: as recorded when closed, else computed now. */
  ledger(month: string): Ledger {
    this.checkMonth(month);
    return this.store.closedMonth(month)?.ledger ?? this.computeLedger(month);
  }

  /** The month's pay sheet: as recorded when closed, else computed from the current ledger. */
  paySheet(month: string): { ledger: Ledger; pay: PaySheet } {
    this.checkMonth(month);
    const closed = this.store.closedMonth(month);
    if (closed) return { ledger: closed.ledger, pay: closed.pay };
    const ledger = this.computeLedger(month);
    return { ledger, pay: buildPaySheet(ledger, new Map(this.members(month).map((m) => [m.membershipId, m]))) };
  }

  /**
   * Closes a finished month: records the ledger, its hash, the rules and the pay sheet. The
   * current month cannot be closed (its days are not over); a closed month cannot be closed again.
   */
  closeMonth(month: string, by: string): ClosedMonth {
    this.checkMonth(month);
    if (month >= this.currentMonth()) throw new AttendanceRefusal('conflict', `${month} is not over yet; a month is closed after its last day`, 'month');
    const existing = this.store.closedMonth(month);
    if (existing) throw new AttendanceRefusal('conflict', `${month} was closed on ${new Date(existing.closedAt).toISOString().slice(0, 10)} by ${existing.closedBy}; a closed month is never rewritten`, 'month');
    const rules = this.o.rules();
    const closedAt = this.now();
    const computed = this.computeLedger(month, rules);
    const ledger: Ledger = { ...computed, closedAt, closedBy: by };
    const pay = buildPaySheet(ledger, new Map(this.members(month).map((m) => [m.membershipId, m])));
    const record: ClosedMonth = {
      month,
      ledgerHash: ledger.hash,
      ruleVersion: ledger.ruleVersions.length ? ledger.ruleVersions.join(',') : ruleFor(rules, monthDays(month)[0]!).from,
      rules,
      ledger,
      pay,
      closedAt,
      closedBy: by,
    };
    if (!this.store.recordClosedMonth(record)) throw new AttendanceRefusal('conflict', `${month} was closed a moment ago by someone else`, 'month');
    return record;
  }

  /** Recomputes a closed month with its recorded rules; the hash must equal the recorded one. */
  verifyClosedMonth(month: string): { recorded: string; recomputed: string; same: boolean } | null {
    const closed = this.store.closedMonth(month);
    if (!closed) return null;
    const recomputed = ledgerHash(month, this.computeLedger(month, closed.rules).rows);
    return { recorded: closed.ledgerHash, recomputed, same: recomputed === closed.ledgerHash };
  }
}
