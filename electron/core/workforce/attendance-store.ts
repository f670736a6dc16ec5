import type { AttendanceRule, Ledger, PaySheet } from '../../common/attendance.js';
import type { Database } from '../store/database.js';
import type { Punch } from './attendance-days.js';
import type { LedgerMember } from './ledger-build.js';

/** A closed month as recorded (migration 12). */
export interface ClosedMonth {
  month: string;
  ledgerHash: string;
  ruleVersion: string;
  rules: AttendanceRule[];
  ledger: Ledger;
  pay: PaySheet;
  closedAt: number;
  closedBy: string;
}

/**
 * Reads for attendance: gate punches, stints overlapping a month, closed months. A punch is a
 * passage with a known worker that the gate let through: an entry admitted (`admitted`, 'in')
 * or an exit recorded (`left`, 'out'; an exit some turnstiles report as `admitted` counts too).
 * Refused passages (unknown, blacklisted, exited worker, no induction) and duplicates never count.
 */
export class AttendanceStore {
  constructor(private readonly db: Database) {}

  /** Punches of all workers in [from, to) (epoch ms), grouped by worker, oldest first. */
  punchesBetween(from: number, to: number, workerId?: number): Map<number, Punch[]> {
    const sql = `SELECT worker_id, direction, at FROM wf_passages
       WHERE at >= ? AND at < ? AND worker_id IS NOT NULL ${workerId === undefined ? '' : 'AND worker_id = ?'}
         AND ((direction = 'in' AND outcome = 'admitted') OR (direction = 'out' AND outcome IN ('left', 'admitted')))
       ORDER BY worker_id, at`;
    const rows = (workerId === undefined ? this.db.prepare(sql).raw().all(from, to) : this.db.prepare(sql).raw().all(from, to, workerId)) as [number, 'in' | 'out', number][];
    const out = new Map<number, Punch[]>();
    for (const [id, direction, at] of rows) {
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push({ at, direction });
    }
    return out;
  }

  /** Stints that overlap [firstDay, lastDay], with the worker, company and team they print. */
  membersBetween(firstDay: string, lastDay: string, workerId?: number): LedgerMember[] {
    const rows = this.db
      .prepare(
        `SELECT m.id AS membership_id, m.worker_id, m.entered_on, m.exited_on, m.wage_kind, m.wage_rate_fen,
                w.name, w.id_masked, w.trade, w.bank_name, w.bank_card_masked, c.name AS company, t.name AS team
           FROM wf_memberships m
           JOIN wf_workers w ON w.id = m.worker_id
           JOIN wf_companies c ON c.id = m.company_id
           LEFT JOIN wf_teams t ON t.id = m.team_id
          WHERE m.entered_on <= ? AND (m.exited_on IS NULL OR m.exited_on >= ?) ${workerId === undefined ? '' : 'AND m.worker_id = ?'}
          ORDER BY m.id`,
      )
      .all(...(workerId === undefined ? [lastDay, firstDay] : [lastDay, firstDay, workerId])) as Record<string, unknown>[];
    return rows.map((r) => ({
      workerId: r.worker_id as number,
      membershipId: r.membership_id as number,
      company: r.company as string,
      team: (r.team as string | null) ?? null,
      name: r.name as string,
      idMasked: r.id_masked as string,
      trade: r.trade as string,
      enteredOn: r.entered_on as string,
      exitedOn: (r.exited_on as string | null) ?? null,
      wageKind: (r.wage_kind as 'daily' | 'hourly' | null) ?? null,
      wageRateFen: (r.wage_rate_fen as number | null) ?? null,
      bankName: (r.bank_name as string | null) ?? null,
      bankCardMasked: (r.bank_card_masked as string | null) ?? null,
    }));
  }

  workerExists(workerId: number): boolean {
    return this.db.prepare('SELECT 1 FROM wf_workers WHERE id = ?').get(workerId) !== undefined;
  }

  closedMonth(month: string): ClosedMonth | null {
    const r = this.db.prepare('SELECT * FROM wf_attendance_months WHERE month = ?').get(month) as Record<string, unknown> | undefined;
    if (!r) return null;
    return {
      month: r.month as string,
      ledgerHash: r.ledger_hash as string,
      ruleVersion: r.rule_version as string,
      rules: JSON.parse(r.rules_json as string) as AttendanceRule[],
      ledger: JSON.parse(r.ledger_json as string) as Ledger,
      pay: JSON.parse(r.pay_json as string) as PaySheet,
      closedAt: r.closed_at as number,
      closedBy: r.closed_by as string,
    };
  }

  /** Records a closed month; false when it was already closed (the first record stands). */
  recordClosedMonth(c: ClosedMonth): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO wf_attendance_months (month, ledger_hash, rule_version, rules_json, ledger_json, pay_json, closed_at, closed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(c.month, c.ledgerHash, c.ruleVersion, JSON.stringify(c.rules), JSON.stringify(c.ledger), JSON.stringify(c.pay), c.closedAt, c.closedBy).changes > 0
    );
  }

  closedMonths(): { month: string; ledgerHash: string; ruleVersion: string; closedAt: number; closedBy: string }[] {
    return (this.db.prepare('SELECT month, ledger_hash, rule_version, closed_at, closed_by FROM wf_attendance_months ORDER BY month DESC').all() as Record<string, unknown>[]).map((r) => ({
      month: r.month as string,
      ledgerHash: r.ledger_hash as string,
      ruleVersion: r.rule_version as string,
      closedAt: r.closed_at as number,
      closedBy: r.closed_by as string,
    }));
  }
}
