/**
 * The workforce records the platform should hold, read from the registry's tables: one
 * descriptor per record with the keys it depends on and a fingerprint of its content. Cheap (no
 * clear ID numbers, no photos): a sync pass compares fingerprints with rn_records to find what is
 * new or changed. The payloads themselves are built at send time (record-payloads.ts).
 */
import { createHash } from 'node:crypto';
import type { RealnameRecordKind } from '../../common/api/realname-platform.js';
import type { PaySheet } from '../../common/attendance.js';
import type { Database } from '../store/database.js';

export interface RecordDescriptor {
  key: string;
  kind: RealnameRecordKind;
  label: string;
  dependsOn: string[];
  fingerprint: string;
}

const fp = (...parts: unknown[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/** Outcomes of gate passages that are attendance punches (admitted in, let out). */
const PUNCH_OUTCOMES = "('admitted', 'left')";

/**
 * Every record in upload order (company → team → worker → entry/exit → attendance → pay), with
 * attendance only from gate passages after `afterPassage` (they never change once stored).
 */
export function catalogueRecords(db: Database, afterPassage: number): { records: RecordDescriptor[]; lastPassage: number } {
  const records: RecordDescriptor[] = [];
  const companies = db.prepare('SELECT id, credit_code, name, kind FROM wf_companies ORDER BY id').all() as { id: number; credit_code: string; name: string; kind: string }[];
  for (const c of companies) records.push({ key: `company:${c.id}`, kind: 'company', label: c.name, dependsOn: [], fingerprint: fp(c.credit_code, c.name, c.kind) });
  const teams = db.prepare('SELECT t.id, t.company_id, t.name, c.credit_code FROM wf_teams t JOIN wf_companies c ON c.id = t.company_id ORDER BY t.id').all() as { id: number; company_id: number; name: string; credit_code: string }[];
  for (const t of teams) records.push({ key: `team:${t.id}`, kind: 'team', label: t.name, dependsOn: [`company:${t.company_id}`], fingerprint: fp(t.credit_code, t.name) });
  // A worker goes with the team of their latest stint (ProjectWorker ties a person to one team).
  const workers = db
    .prepare(
      `SELECT w.id, w.name, w.id_hash, w.trade, w.is_manager, w.photo_file, w.phone, m.company_id, m.team_id, m.role
       FROM wf_workers w JOIN wf_memberships m ON m.id = (SELECT id FROM wf_memberships WHERE worker_id = w.id ORDER BY entered_on DESC, id DESC LIMIT 1)
       ORDER BY w.id`,
    )
    .all() as { id: number; name: string; id_hash: string; trade: string; is_manager: number; photo_file: string | null; phone: string | null; company_id: number; team_id: number | null; role: string }[];
  for (const w of workers) {
    records.push({
      key: `worker:${w.id}`,
      kind: 'worker',
      label: w.name,
      dependsOn: [w.team_id === null ? `company:${w.company_id}` : `team:${w.team_id}`],
      fingerprint: fp(w.name, w.id_hash, w.trade, w.is_manager, w.photo_file, w.phone, w.company_id, w.team_id, w.role),
    });
  }
  // EntryExitHistory: each stint's entry and (once it ends) exit, in date order so the platform
  // never sees an earlier date after a later one from us.
  const stints = db
    .prepare('SELECT m.id, m.worker_id, m.entered_on, m.exited_on, w.name FROM wf_memberships m JOIN wf_workers w ON w.id = m.worker_id ORDER BY m.entered_on, m.id')
    .all() as { id: number; worker_id: number; entered_on: string; exited_on: string | null; name: string }[];
  // Per worker the moves form one chain (each depends on the one before), so they reach the
  // platform in date order; an exit sorts no earlier than its own entry.
  const moves: (RecordDescriptor & { date: string; workerId: number })[] = [];
  for (const s of stints) {
    moves.push({ key: `entry:${s.id}`, kind: 'entry-exit', label: `${s.name} 进场 ${s.entered_on}`, dependsOn: [], fingerprint: fp(s.entered_on), date: s.entered_on, workerId: s.worker_id });
    if (s.exited_on) {
      const date = s.exited_on < s.entered_on ? s.entered_on : s.exited_on;
      moves.push({ key: `exit:${s.id}`, kind: 'entry-exit', label: `${s.name} 退场 ${s.exited_on}`, dependsOn: [], fingerprint: fp(s.exited_on), date, workerId: s.worker_id });
    }
  }
  moves.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const previous = new Map<number, string>();
  for (const { date: _date, workerId, ...m } of moves) {
    const before = previous.get(workerId);
    records.push({ ...m, dependsOn: before ? [`worker:${workerId}`, before] : [`worker:${workerId}`] });
    previous.set(workerId, m.key);
  }
  const punches = db
    .prepare(`SELECT p.id, p.worker_id, p.direction, p.at, w.name FROM wf_passages p JOIN wf_workers w ON w.id = p.worker_id WHERE p.id > ? AND p.outcome IN ${PUNCH_OUTCOMES} ORDER BY p.id`)
    .all(afterPassage) as { id: number; worker_id: number; direction: string; at: number; name: string }[];
  let lastPassage = afterPassage;
  for (const p of punches) {
    records.push({ key: `att:${p.id}`, kind: 'attendance', label: `${p.name} ${p.direction === 'in' ? '进' : '出'} ${new Date(p.at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')}`, dependsOn: [`worker:${p.worker_id}`], fingerprint: fp(p.at, p.direction) });
    lastPassage = Math.max(lastPassage, p.id);
  }
  // PayRollDetail: the pay sheets of closed months, as filed (a closed month never changes).
  const months = db.prepare('SELECT month, pay_json FROM wf_attendance_months ORDER BY month').all() as { month: string; pay_json: string }[];
  for (const m of months) {
    const sheet = JSON.parse(m.pay_json) as PaySheet;
    for (const row of sheet.rows) {
      records.push({ key: `pay:${m.month}:${row.membershipId}`, kind: 'pay', label: `${row.name} ${m.month} 工资`, dependsOn: [`worker:${row.workerId}`], fingerprint: fp(row.amountFen, row.halfDays, row.bankCardMasked) });
    }
  }
  return { records, lastPassage };
}
