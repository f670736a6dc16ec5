/**
 * The authority's audit (authority_audit): every login, notice, downlink acknowledgement and
 * answer, hash-chained. Appends take a transaction-level advisory lock so several service
 * instances still write one chain; the table refuses UPDATE and DELETE (pg-schema.ts).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { canonicalJson } from '../../common/supervision.js';

const AUDIT_LOCK = 0x5c_0a0d;
export const AUDIT_GENESIS = '0'.repeat(64);

export interface AuditEntry {
  actor: string;
  actorRole: string;
  action: string;
  siteId?: string | null;
  noticeId?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends one row: inside the caller's transaction when given a client, else in its own. */
export async function appendAudit(db: pg.PoolClient | pg.Pool, entry: AuditEntry): Promise<void> {
  if (!('release' in db)) {
    const own = await db.connect();
    try {
      await own.query('BEGIN');
      await appendAudit(own, entry);
      await own.query('COMMIT');
    } catch (error) {
      await own.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      own.release();
    }
    return;
  }
  const client = db;
  await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const prev = (await client.query<{ hash: string }>('SELECT hash FROM authority_audit ORDER BY id DESC LIMIT 1')).rows[0]?.hash ?? AUDIT_GENESIS;
  const at = new Date();
  const row = { at: at.toISOString(), actor: entry.actor, actorRole: entry.actorRole, action: entry.action, siteId: entry.siteId ?? null, noticeId: entry.noticeId ?? null, detail: entry.detail ?? {} };
  const hash = createHash('sha256').update(prev).update(canonicalJson(row)).digest('hex');
  await client.query(
    'INSERT INTO authority_audit (at, actor, actor_role, action, site_id, notice_id, detail, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
    [at, row.actor, row.actorRole, row.action, row.siteId, row.noticeId, JSON.stringify(row.detail), prev, hash],
  );
}

/** Re-computes the chain; returns the id of the first row that does not match, or null when whole. */
export async function verifyAuditChain(pool: pg.Pool): Promise<number | null> {
  const rows = (
    await pool.query<{ id: string; at: Date; actor: string; actor_role: string; action: string; site_id: string | null; notice_id: string | null; detail: Record<string, unknown>; prev_hash: string; hash: string }>(
      'SELECT * FROM authority_audit ORDER BY id',
    )
  ).rows;
  let prev = AUDIT_GENESIS;
  for (const r of rows) {
    const row = { at: r.at.toISOString(), actor: r.actor, actorRole: r.actor_role, action: r.action, siteId: r.site_id, noticeId: r.notice_id, detail: r.detail };
    const hash = createHash('sha256').update(prev).update(canonicalJson(row)).digest('hex');
    if (r.prev_hash !== prev || r.hash !== hash) return Number(r.id);
    prev = r.hash;
  }
  return null;
}
