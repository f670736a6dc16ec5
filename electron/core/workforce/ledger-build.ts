import { dayMark, halfDaysOf, type AttendanceDay, type DayFlag, type Ledger, type LedgerRow, type LedgerTotal } from '../../common/attendance.js';
import { monthDays } from './attendance-clock.js';
import { ledgerHash } from './ledger-hash.js';

/** A worker's stint overlapping the month, with what the ledger and the pay sheet print. */
export interface LedgerMember {
  workerId: number;
  membershipId: number;
  company: string;
  team: string | null;
  name: string;
  idMasked: string;
  trade: string;
  enteredOn: string;
  exitedOn: string | null;
  wageKind: 'daily' | 'hourly' | null;
  wageRateFen: number | null;
  bankName: string | null;
  bankCardMasked: string | null;
}

/** Printed for a stint with no team. */
export const NO_TEAM = '（未分班组）';

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Ledger order: company, team, name (code point order, the same on every machine), worker id, stint id. */
export function compareMembers(a: Pick<LedgerRow, 'company' | 'team' | 'name' | 'workerId' | 'membershipId'>, b: typeof a): number {
  return byCodePoint(a.company, b.company) || byCodePoint(a.team, b.team) || byCodePoint(a.name, b.name) || a.workerId - b.workerId || a.membershipId - b.membershipId;
}

/**
 * The month's ledger (pure): one row per stint overlapping the month, its days limited to the
 * stint (a worker who joined on the 10th has blanks before it; one who left on the 20th after
 * it), team and company totals, and the hash over the rows.
 */
export function buildLedger(o: {
  month: string;
  projectName: string;
  timeZone: string;
  members: readonly LedgerMember[];
  daysOf: (workerId: number) => readonly AttendanceDay[];
}): Ledger {
  const days = monthDays(o.month);
  const versions = new Set<string>();
  const rows: LedgerRow[] = o.members.map((m) => {
    const first = m.enteredOn > days[0]! ? m.enteredOn : days[0]!;
    const last = m.exitedOn !== null && m.exitedOn < days[days.length - 1]! ? m.exitedOn : days[days.length - 1]!;
    const marks = days.map(() => '');
    const minutes = days.map(() => 0);
    const flags = new Set<DayFlag>();
    let halfDays = 0;
    let totalMinutes = 0;
    let flaggedDays = 0;
    for (const d of o.daysOf(m.workerId)) {
      if (d.day < first || d.day > last || !d.day.startsWith(o.month)) continue;
      const i = Number(d.day.slice(8, 10)) - 1;
      marks[i] = dayMark(d.credit, d.flags.length > 0);
      minutes[i] = d.minutes;
      halfDays += halfDaysOf(d.credit);
      totalMinutes += d.minutes;
      if (d.flags.length) flaggedDays++;
      for (const f of d.flags) flags.add(f);
      versions.add(d.ruleFrom);
    }
    return {
      workerId: m.workerId,
      membershipId: m.membershipId,
      company: m.company,
      team: m.team ?? NO_TEAM,
      name: m.name,
      idMasked: m.idMasked,
      trade: m.trade,
      enteredOn: m.enteredOn,
      exitedOn: m.exitedOn,
      marks,
      minutes,
      halfDays,
      totalMinutes,
      flaggedDays,
      flags: [...flags].sort(),
    };
  });
  rows.sort(compareMembers);
  return {
    month: o.month,
    projectName: o.projectName,
    timeZone: o.timeZone,
    daysInMonth: days.length,
    rows,
    ...ledgerTotals(rows),
    ruleVersions: [...versions].sort(),
    hash: ledgerHash(o.month, rows),
    closedAt: null,
    closedBy: null,
  };
}

/** Team and company totals, in ledger order. */
export function ledgerTotals(rows: readonly LedgerRow[]): Pick<Ledger, 'teams' | 'companies' | 'halfDays' | 'totalMinutes'> {
  const teams = new Map<string, LedgerTotal>();
  const companies = new Map<string, LedgerTotal>();
  const add = (map: Map<string, LedgerTotal>, key: string, company: string, team: string | null, r: LedgerRow, workers: Set<string>) => {
    let t = map.get(key);
    if (!t) map.set(key, (t = { company, team, workers: 0, halfDays: 0, totalMinutes: 0 }));
    const who = `${key}\u0000${r.workerId}`;
    if (!workers.has(who)) {
      workers.add(who);
      t.workers++;
    }
    t.halfDays += r.halfDays;
    t.totalMinutes += r.totalMinutes;
  };
  const seen = new Set<string>();
  for (const r of rows) {
    add(teams, `${r.company}\u0000${r.team}`, r.company, r.team, r, seen);
    add(companies, r.company, r.company, null, r, seen);
  }
  return {
    teams: [...teams.values()],
    companies: [...companies.values()],
    halfDays: rows.reduce((s, r) => s + r.halfDays, 0),
    totalMinutes: rows.reduce((s, r) => s + r.totalMinutes, 0),
  };
}
