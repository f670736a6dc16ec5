import type pg from 'pg';
import type { UplinkEnvelope } from '../common/supervision.js';
import { applyNoticeAnswer, applyNoticeReceipt } from './authority/index.js';

/** A refused message: what the service keeps of it (see uplink_rejections). */
export interface Rejection {
  subject: string;
  siteId: string | null;
  reason: string;
  sample: string;
}

/** What one batch did: new messages written, repeats dropped, refusals recorded. */
export interface IngestResult {
  inserted: number;
  duplicates: number;
  rejected: number;
}

/** Samples of refusals kept per site and minute; every refusal is still counted. */
export const REJECTION_SAMPLES_PER_MINUTE = 20;

/**
 * Writes one batch taken from the stream into PostgreSQL in ONE transaction; the caller acks the
 * batch only after this resolves (after COMMIT). Exactly once: a message is kept by its primary key
 * (site_id, seq) with ON CONFLICT DO NOTHING, so a redelivery after a crash, a node failover or a
 * site's re-send changes nothing. `site_latest` and `site_day` move forward only (a higher seq
 * wins), so instances taking one site's messages out of order agree. Rows are written in
 * (site, seq) order so concurrent instances lock them in one order and never deadlock.
 */
export async function ingestBatch(pool: pg.Pool, envelopes: UplinkEnvelope<Record<string, unknown>>[], rejections: Rejection[]): Promise<IngestResult> {
  const sorted = [...envelopes].sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : a.seq - b.seq));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    let inserted = 0;
    if (sorted.length > 0) {
      const result = await client.query(
        `INSERT INTO site_messages (site_id, seq, kind, at, body)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::jsonb[])
         ON CONFLICT (site_id, seq) DO NOTHING
         RETURNING site_id, seq`,
        [sorted.map((e) => e.site), sorted.map((e) => e.seq), sorted.map((e) => e.kind), sorted.map((e) => new Date(e.at).toISOString()), sorted.map((e) => JSON.stringify(e.body))],
      );
      inserted = result.rowCount ?? 0;
      await projectSummaries(client, sorted);
      // A site's answer to an authority notice is applied to the notice in the same transaction as
      // its message row, once: only rows this batch inserted (a repeat was applied when first seen).
      const fresh = new Set(result.rows.map((r: { site_id: string; seq: string | number }) => `${r.site_id}\u0000${String(r.seq)}`));
      for (const e of sorted) {
        if (!fresh.has(`${e.site}\u0000${String(e.seq)}`)) continue;
        if (e.kind === 'notice-answer') await applyNoticeAnswer(client, e);
        else if (e.kind === 'notice-receipt') await applyNoticeReceipt(client, e);
      }
    }
    if (rejections.length > 0) await recordRejections(client, rejections);
    await client.query('COMMIT');
    return { inserted, duplicates: sorted.length - inserted, rejected: rejections.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The newest summary per site in the batch into site_latest, and the newest per site day into site_day. */
async function projectSummaries(client: pg.PoolClient, sorted: UplinkEnvelope<Record<string, unknown>>[]): Promise<void> {
  const latest = new Map<string, UplinkEnvelope<Record<string, unknown>>>();
  const days = new Map<string, UplinkEnvelope<Record<string, unknown>>>();
  for (const e of sorted) {
    if (e.kind !== 'summary') continue;
    latest.set(e.site, e); // sorted by seq within a site: the last one wins
    days.set(`${e.site}\u0000${String(e.body.day)}`, e);
  }
  if (latest.size > 0) {
    const rows = [...latest.values()];
    await client.query(
      `INSERT INTO site_latest (site_id, seq, at, body, received_at)
       SELECT s, q, a, b, now() FROM unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::jsonb[]) AS t(s, q, a, b)
       ON CONFLICT (site_id) DO UPDATE SET seq = excluded.seq, at = excluded.at, body = excluded.body, received_at = excluded.received_at
       WHERE excluded.seq > site_latest.seq`,
      [rows.map((e) => e.site), rows.map((e) => e.seq), rows.map((e) => new Date(e.at).toISOString()), rows.map((e) => JSON.stringify(e.body))],
    );
    const dayRows = [...days.values()];
    await client.query(
      `INSERT INTO site_day (site_id, day, seq, body)
       SELECT * FROM unnest($1::text[], $2::date[], $3::bigint[], $4::jsonb[])
       ON CONFLICT (site_id, day) DO UPDATE SET seq = excluded.seq, body = excluded.body
       WHERE excluded.seq > site_day.seq`,
      [dayRows.map((e) => e.site), dayRows.map((e) => String(e.body.day)), dayRows.map((e) => e.seq), dayRows.map((e) => JSON.stringify(e.body))],
    );
  }
}

/** Counts every refusal; keeps a sample of each only while its site is under the per-minute cap. */
async function recordRejections(client: pg.PoolClient, rejections: Rejection[]): Promise<void> {
  const counts = new Map<string, { site: string; reason: string; n: number }>();
  for (const r of rejections) {
    const reasonKey = r.reason.replace(/"[^"]*"/g, '"…"').slice(0, 120); // one counter per kind of reason, not per value
    const key = `${r.siteId ?? ''}\u0000${reasonKey}`;
    const entry = counts.get(key) ?? { site: r.siteId ?? '', reason: reasonKey, n: 0 };
    entry.n += 1;
    counts.set(key, entry);
  }
  const entries = [...counts.values()].sort((a, b) => (a.site + a.reason < b.site + b.reason ? -1 : 1));
  await client.query(
    `INSERT INTO uplink_rejection_counts (site_key, reason, count, last_at)
     SELECT s, r, n, now() FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t(s, r, n)
     ON CONFLICT (site_key, reason) DO UPDATE SET count = uplink_rejection_counts.count + excluded.count, last_at = excluded.last_at`,
    [entries.map((e) => e.site), entries.map((e) => e.reason), entries.map((e) => e.n)],
  );
  const bySite = new Map<string, Rejection[]>();
  for (const r of rejections) {
    const list = bySite.get(r.siteId ?? '') ?? [];
    if (list.length < REJECTION_SAMPLES_PER_MINUTE) list.push(r);
    bySite.set(r.siteId ?? '', list);
  }
  for (const [site, list] of bySite) {
    const recent = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM uplink_rejections WHERE coalesce(site_id, '') = $1 AND at > now() - interval '1 minute'`,
      [site],
    );
    const room = Math.max(0, REJECTION_SAMPLES_PER_MINUTE - Number(recent.rows[0]?.n ?? 0));
    const kept = list.slice(0, room);
    if (kept.length === 0) continue;
    await client.query(
      `INSERT INTO uplink_rejections (subject, site_id, reason, sample) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      [kept.map((r) => r.subject.slice(0, 300)), kept.map((r) => r.siteId), kept.map((r) => r.reason), kept.map((r) => r.sample)],
    );
  }
}

/** The first 200 bytes of a refused payload, as text a person can read (NUL bytes removed: PostgreSQL text refuses them). */
export function sampleOf(payload: Uint8Array): string {
  return Buffer.from(payload.subarray(0, 200)).toString('utf8').split('\u0000').join('\\0');
}
