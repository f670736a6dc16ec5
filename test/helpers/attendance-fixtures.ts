import type { Database } from '../../electron/core/store/database.js';

let seq = 0;

/**
 * Writes gate passages straight into wf_passages (the gate events path is not under test here):
 * `at` is site-local ISO text with its offset, e.g. `2026-03-02T08:00:00+08:00`.
 */
export function insertPassage(db: Database, p: { workerId: number; direction: 'in' | 'out'; at: string | number; outcome?: string; gateId?: string }): void {
  const at = typeof p.at === 'number' ? p.at : Date.parse(p.at);
  const outcome = p.outcome ?? (p.direction === 'in' ? 'admitted' : 'left');
  db.prepare('INSERT INTO wf_passages (event_key, gate_id, worker_id, credential_kind, direction, at, received, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    `test-${++seq}-${at}`,
    p.gateId ?? 'gate-1',
    p.workerId,
    'card',
    p.direction,
    at,
    at,
    outcome,
  );
}

/** A normal day for `workerId`: in at `start`, out at `end` (HH:MM, +08:00) on `day` (YYYY-MM-DD). */
export function insertWorkDay(db: Database, workerId: number, day: string, start = '08:00', end = '17:30'): void {
  insertPassage(db, { workerId, direction: 'in', at: `${day}T${start}:00+08:00` });
  insertPassage(db, { workerId, direction: 'out', at: `${day}T${end}:00+08:00` });
}
