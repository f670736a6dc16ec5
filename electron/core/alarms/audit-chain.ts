/**
 * The alarm audit log's hash chain: each entry's hash is sha256(prev_hash + canonical JSON of the
 * entry), so changing, inserting or removing a row breaks every hash after it. What it cannot
 * show on its own is the loss of the newest rows (the chain is still valid up to the cut):
 * record the head hash elsewhere (a daily report, a second site) to cover that.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../store/database.js';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** One audit row as hashed: every column but the hashes. */
export interface AuditEntry {
  seq: number;
  at: number;
  type: string;
  alarmId: string;
  conditionKey: string;
  sourceDevice: string;
  priority: string;
  actor: string;
  actorRole: string;
  text: string | null;
  state: string;
  detail: Record<string, unknown>;
}

export interface AuditRow extends AuditEntry {
  prevHash: string;
  hash: string;
}

/**
 * JSON with object keys sorted at every level and no whitespace: the same entry always gives
 * the same text, whatever order its fields were built in. `undefined` fields are left out.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // NaN and ±Infinity become null, as in JSON.stringify: a bad value must never block the log.
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}

interface DbRow {
  seq: number;
  at: number;
  event_type: string;
  alarm_id: string;
  condition_key: string;
  source_device: string;
  priority: string;
  actor: string;
  actor_role: string;
  text: string | null;
  state: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export const AUDIT_COLUMNS = 'seq, at, event_type, alarm_id, condition_key, source_device, priority, actor, actor_role, text, state, detail, prev_hash, hash';

export function rowFromDb(r: DbRow): AuditRow {
  return {
    seq: r.seq,
    at: r.at,
    type: r.event_type,
    alarmId: r.alarm_id,
    conditionKey: r.condition_key,
    sourceDevice: r.source_device,
    priority: r.priority,
    actor: r.actor,
    actorRole: r.actor_role,
    text: r.text,
    state: r.state,
    detail: parseDetail(r.detail),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { unparsable: text };
  } catch {
    // Keep the raw text in the hashed entry, so an edited, broken detail still fails verification.
    return { unparsable: text };
  }
}

export function entryOf(row: AuditRow): AuditEntry {
  const { prevHash: _p, hash: _h, ...entry } = row;
  return entry;
}

export type AuditVerification =
  | { ok: true; rows: number; headHash: string }
  | { ok: false; rows: number; brokenSeq: number; reason: string };

/**
 * Walks the whole log in seq order (streaming, constant memory) and reports the first row that
 * does not fit: a seq gap (a row removed), a prev_hash not equal to the previous row's hash, or
 * a hash that does not match the row's content (a row edited).
 */
export function verifyAuditChain(db: Database): AuditVerification {
  const rows = db.prepare<[], DbRow>(`SELECT ${AUDIT_COLUMNS} FROM alarm_audit ORDER BY seq`).iterate();
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const dbRow of rows) {
    const row = rowFromDb(dbRow);
    const fail = (reason: string): AuditVerification => ({ ok: false, rows: count, brokenSeq: row.seq, reason });
    if (row.seq !== expectedSeq) {
      rows.return?.();
      return fail(`expected row ${expectedSeq} next, found ${row.seq}: rows are missing`);
    }
    if (row.prevHash !== prevHash) {
      rows.return?.();
      return fail('prev_hash does not match the previous row\'s hash');
    }
    if (entryHash(row.prevHash, entryOf(row)) !== row.hash) {
      rows.return?.();
      return fail('hash does not match the row\'s content: the row was changed');
    }
    prevHash = row.hash;
    expectedSeq++;
    count++;
  }
  return { ok: true, rows: count, headHash: prevHash };
}
