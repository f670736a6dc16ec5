import type { Database } from '../store/database.js';

/** A message waiting in (or sent from) the outbox; see schema.ts. */
export interface OutboxMessage {
  seq: number;
  channel: string;
  kind: string;
  body: unknown;
  createdAt: number;
  attempts: number;
  lastError: string | null;
  nextTryAt: number;
}

export interface OutboxStats {
  pending: number;
  /** UTC epoch ms of the oldest pending message; null when none waits. */
  oldestPendingAt: number | null;
  sent: number;
  lastSentAt: number | null;
  lastError: string | null;
}

interface Row {
  seq: number;
  channel: string;
  kind: string;
  body: string;
  created_at: number;
  attempts: number;
  last_error: string | null;
  next_try_at: number;
}

/** Pending messages kept at most per channel; past it the oldest summaries go first (see `enqueue`). */
export const OUTBOX_PENDING_LIMIT = 200_000;

/**
 * The store-and-forward outbox (migration 20). Senders read pending messages in `seq` order and
 * mark them sent only once the receiver has them; a message is never rewritten, so a reconnect
 * re-sends the same `seq` and the receiver drops the repeat. Bounded: when a channel holds
 * OUTBOX_PENDING_LIMIT pending messages, the oldest pending `summary` messages are dropped first
 * (a later summary supersedes them); events are never dropped.
 */
export class Outbox {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds a message; returns its seq. Call inside the caller's transaction to keep it with its fact. */
  enqueue(channel: string, kind: string, body: unknown): number {
    const info = this.db
      .prepare('INSERT INTO uplink_outbox (channel, kind, body, created_at) VALUES (?, ?, ?, ?)')
      .run(channel, kind, JSON.stringify(body), this.now());
    this.trim(channel);
    return Number(info.lastInsertRowid);
  }

  /** Pending messages of a channel in seq order, from `afterSeq`, due by now (not backing off). */
  pending(channel: string, limit: number, afterSeq = 0): OutboxMessage[] {
    return this.db
      .prepare<[string, number, number, number], Row>(
        `SELECT seq, channel, kind, body, created_at, attempts, last_error, next_try_at FROM uplink_outbox
         WHERE channel = ? AND sent_at IS NULL AND seq > ? AND next_try_at <= ? ORDER BY seq LIMIT ?`,
      )
      .all(channel, afterSeq, this.now(), limit)
      .map(toMessage);
  }

  markSent(seqs: readonly number[]): void {
    if (seqs.length === 0) return;
    const at = this.now();
    const mark = this.db.prepare('UPDATE uplink_outbox SET sent_at = ?, last_error = NULL WHERE seq = ? AND sent_at IS NULL');
    this.db.transaction(() => {
      for (const seq of seqs) mark.run(at, seq);
    })();
  }

  /** Records a failed try; the message waits `retryInMs` before it is due again. */
  markFailed(seq: number, reason: string, retryInMs: number): void {
    this.db
      .prepare('UPDATE uplink_outbox SET attempts = attempts + 1, last_error = ?, next_try_at = ? WHERE seq = ?')
      .run(reason.slice(0, 500), this.now() + retryInMs, seq);
  }

  stats(channel: string): OutboxStats {
    const row = this.db
      .prepare<[{ channel: string }], { pending: number; oldest: number | null; sent: number; last_sent: number | null; last_error: string | null }>(
        `SELECT
           (SELECT COUNT(*) FROM uplink_outbox WHERE channel = @channel AND sent_at IS NULL) AS pending,
           (SELECT MIN(created_at) FROM uplink_outbox WHERE channel = @channel AND sent_at IS NULL) AS oldest,
           (SELECT COUNT(*) FROM uplink_outbox WHERE channel = @channel AND sent_at IS NOT NULL) AS sent,
           (SELECT MAX(sent_at) FROM uplink_outbox WHERE channel = @channel) AS last_sent,
           (SELECT last_error FROM uplink_outbox WHERE channel = @channel AND sent_at IS NULL AND last_error IS NOT NULL ORDER BY seq DESC LIMIT 1) AS last_error`,
      )
      .get({ channel })!;
    return { pending: row.pending, oldestPendingAt: row.oldest, sent: row.sent, lastSentAt: row.last_sent, lastError: row.last_error };
  }

  /** Deletes sent messages older than `olderThanMs` (retention; pending ones stay). */
  pruneSent(olderThanMs: number): number {
    return this.db.prepare('DELETE FROM uplink_outbox WHERE sent_at IS NOT NULL AND sent_at < ?').run(this.now() - olderThanMs).changes;
  }

  /** True the first time a downlink message id is seen (then recorded); false for a redelivery. */
  firstDelivery(channel: string, messageId: string): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO downlink_applied (message_id, channel, applied_at) VALUES (?, ?, ?)')
        .run(messageId, channel, this.now()).changes === 1
    );
  }

  private trim(channel: string): void {
    const pending = this.db
      .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM uplink_outbox WHERE channel = ? AND sent_at IS NULL')
      .get(channel)!.n;
    const over = pending - OUTBOX_PENDING_LIMIT;
    if (over <= 0) return;
    this.db
      .prepare(
        `DELETE FROM uplink_outbox WHERE seq IN (
           SELECT seq FROM uplink_outbox WHERE channel = ? AND sent_at IS NULL AND kind = 'summary' ORDER BY seq LIMIT ?)`,
      )
      .run(channel, over);
  }
}

function toMessage(row: Row): OutboxMessage {
  return {
    seq: row.seq,
    channel: row.channel,
    kind: row.kind,
    body: JSON.parse(row.body) as unknown,
    createdAt: row.created_at,
    attempts: row.attempts,
    lastError: row.last_error,
    nextTryAt: row.next_try_at,
  };
}
