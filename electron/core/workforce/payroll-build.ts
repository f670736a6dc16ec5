import type { Ledger, PayRow, PaySheet, PayTotal } from '../../common/attendance.js';
import type { LedgerMember } from './ledger-build.js';

/**
 * Pay arithmetic, in integer fen only (no floating point anywhere):
 * - daily wage: amount = rate × half days ÷ 2, rounded half up to the fen once per row:
 *   ⌊(rate × halfDays + 1) ÷ 2⌋;
 * - hourly wage: amount = rate × minutes ÷ 60, rounded half up once per row: ⌊(rate × minutes + 30) ÷ 60⌋.
 * Rounding happens once on the row's total, never per day, so a month never drifts by more than
 * half a fen. Products stay far below 2^53 (a rate of 1,000,000 fen × 44,640 minutes is 4.5 × 10^10).
 */
export function amountDueFen(wageKind: 'daily' | 'hourly', rateFen: number, halfDays: number, minutes: number): number {
  if (!Number.isSafeInteger(rateFen) || rateFen < 0) throw new RangeError(`a wage rate must be a whole number of fen ≥ 0, not ${rateFen}`);
  return wageKind === 'daily' ? Math.floor((rateFen * halfDays + 1) / 2) : Math.floor((rateFen * minutes + 30) / 60);
}

/** The pay sheet of a ledger (pure): each ledger row priced by its own stint's contract rate. */
export function buildPaySheet(ledger: Ledger, members: ReadonlyMap<number, LedgerMember>): PaySheet {
  const rows: PayRow[] = ledger.rows.map((r) => {
    const m = members.get(r.membershipId);
    const wageKind = m?.wageKind ?? null;
    const rateFen = m?.wageRateFen ?? null;
    return {
      workerId: r.workerId,
      membershipId: r.membershipId,
      company: r.company,
      team: r.team,
      name: r.name,
      idMasked: r.idMasked,
      trade: r.trade,
      halfDays: r.halfDays,
      totalMinutes: r.totalMinutes,
      wageKind,
      rateFen,
      amountFen: wageKind !== null && rateFen !== null ? amountDueFen(wageKind, rateFen, r.halfDays, r.totalMinutes) : null,
      bankName: m?.bankName ?? null,
      bankCardMasked: m?.bankCardMasked ?? null,
    };
  });
  const teams = new Map<string, PayTotal>();
  const companies = new Map<string, PayTotal>();
  const counted = new Set<string>();
  const add = (map: Map<string, PayTotal>, key: string, company: string, team: string | null, r: PayRow) => {
    let t = map.get(key);
    if (!t) map.set(key, (t = { company, team, workers: 0, amountFen: 0 }));
    if (!counted.has(`${key}\u0000${r.workerId}`)) {
      counted.add(`${key}\u0000${r.workerId}`);
      t.workers++;
    }
    t.amountFen += r.amountFen ?? 0;
  };
  for (const r of rows) {
    add(teams, `${r.company}\u0000${r.team}`, r.company, r.team, r);
    add(companies, r.company, r.company, null, r);
  }
  return {
    month: ledger.month,
    projectName: ledger.projectName,
    ledgerHash: ledger.hash,
    rows,
    teams: [...teams.values()],
    companies: [...companies.values()],
    amountFen: rows.reduce((s, r) => s + (r.amountFen ?? 0), 0),
    withoutRate: rows.filter((r) => r.amountFen === null).length,
  };
}
