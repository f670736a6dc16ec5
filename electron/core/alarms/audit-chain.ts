/**
 * The alarm audit log's hash chain: each entry's hash is HMAC-SHA256(key, prev_hash + canonical
 * JSON of the entry) (RFC 2104), so changing, inserting or removing a row breaks every hash after
 * it, and whoever copies the database file without the key (kept sealed, see audit-key.ts)
 * cannot recompute the chain after rewriting a row. Rows written before the key existed keep
 * their plain sha256 hashes up to a recorded switch-over seq (table `audit_chain`).
 *
 * What the chain cannot show on its own is the loss of the newest rows (the chain is still valid
 * up to the cut): record the head hash elsewhere (a daily report, a second site) to cover that.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

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

import { canonicalJson } from '../../common/canonical-json.js';

export { canonicalJson };

/** The unkeyed hash of rows before the switch-over (and of every row of databases before it). */
export function entryHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}

/** The keyed hash: HMAC-SHA256 under the audit key (RFC 2104), hex. */
export function keyedEntryHash(key: Buffer, prevHash: string, entry: AuditEntry): string {
  return createHmac('sha256', key).update(prevHash).update(canonicalJson(entry)).digest('hex');
}

/** An HMAC over a short record (the switch-over point, an archive's range), hex. */
export function auditMac(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

/** Compares two hex MACs in constant time. */
export function sameMac(a: string | null | undefined, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** How rows are hashed: plain sha256 below `keyedFromSeq`, HMAC under `key` from it on. */
export interface ChainRule {
  key: Buffer;
  keyedFromSeq: number;
}

export function chainHash(rule: ChainRule, prevHash: string, entry: AuditEntry): string {
  return entry.seq >= rule.keyedFromSeq ? keyedEntryHash(rule.key, prevHash, entry) : entryHash(prevHash, entry);
}

/** What is MACed to seal the switch-over point. */
export function switchOverText(keyedFromSeq: number): string {
  return `keyed-from:${keyedFromSeq}`;
}

export interface DbRow {
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

