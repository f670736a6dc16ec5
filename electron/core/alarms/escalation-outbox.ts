/**
 * The escalation outbox (table `escalation_outbox`): an escalation is written in the same
 * transaction as the audit row of its 'escalated' event, and leaves only when the broker has
 * acknowledged it (escalation-sender.ts). Store-and-forward: a broker outage or a core restart
 * delays an escalation, never loses it.
 *
 * Bounded: at `capacity` pending rows a new escalation is refused and counted (`dropped`, kept in
 * the database and shown in the UI); the oldest are kept, as they are the longest-unanswered.
 */
import type { EscalationOutboxView } from '../../common/api/alarms.js';
import type { Database } from '../store/database.js';

/** One escalation as it waits for the broker. */
export interface PendingEscalation {
  id: string;
  topic: string;
  payload: string;
  createdAt: number;
  attempts: number;
}

/** Pending escalations at most; a site with this many unanswered has a broker problem, not an alarm one. */
export const DEFAULT_OUTBOX_CAPACITY = 10_000;

export class EscalationOutbox {
  private readonly insertRow;
  private readonly countRows;
  private readonly addDropped;

  constructor(
    private readonly db: Database,
    private readonly capacity = DEFAULT_OUTBOX_CAPACITY,
  ) {
    this.insertRow = db.prepare('INSERT OR IGNORE INTO escalation_outbox (id, topic, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)');
    this.countRows = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM escalation_outbox');
    this.addDropped = db.prepare('UPDATE escalation_outbox_state SET dropped = dropped + 1 WHERE id = 1');
  }

  /** Adds one escalation; call inside the transaction that records its event. False: full, counted as dropped. */
  add(item: { id: string; topic: string; payload: string }, now: number): boolean {
    if ((this.countRows.get()?.n ?? 0) >= this.capacity) {
      this.addDropped.run();
      return false;
    }
    this.insertRow.run(item.id, item.topic, item.payload, now, now);
    return true;
  }

  /** Due escalations, oldest first. */
  due(now: number, limit: number): PendingEscalation[] {
    return this.db
      .prepare<[number, number], { id: string; topic: string; payload: string; created_at: number; attempts: number }>(
        'SELECT id, topic, payload, created_at, attempts FROM escalation_outbox WHERE next_attempt_at <= ? ORDER BY seq LIMIT ?',
      )
      .all(now, limit)
      .map((r) => ({ id: r.id, topic: r.topic, payload: r.payload, createdAt: r.created_at, attempts: r.attempts }));
  }

  /** The broker acknowledged it (PUBACK). */
  delivered(id: string): void {
    this.db.prepare('DELETE FROM escalation_outbox WHERE id = ?').run(id);
  }

  /** Not acknowledged: counted, and kept for the sender's next round (the sender holds the backoff). */
  failed(id: string, error: string): void {
    this.db.prepare('UPDATE escalation_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?').run(error, id);
  }

  view(): EscalationOutboxView {
    const r = this.db
      .prepare<[], { pending: number; oldest: number | null }>('SELECT count(*) AS pending, MIN(created_at) AS oldest FROM escalation_outbox')
      .get() ?? { pending: 0, oldest: null };
    const lastError = this.db.prepare<[], { e: string | null }>('SELECT last_error AS e FROM escalation_outbox WHERE last_error IS NOT NULL ORDER BY seq LIMIT 1').get()?.e ?? null;
    const dropped = this.db.prepare<[], { dropped: number }>('SELECT dropped FROM escalation_outbox_state WHERE id = 1').get()?.dropped ?? 0;
    return { pending: r.pending, dropped, oldestAt: r.oldest, lastError };
  }
}
