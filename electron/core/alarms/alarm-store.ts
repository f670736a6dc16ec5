/**
 * Alarm persistence (schema: migration 2). Two tables: `alarms`, the current state of every
 * point that is not plainly normal (so latched and unacknowledged alarms survive a restart), and
 * `alarm_audit`, the append-only, hash-chained log of every event (see audit-chain.ts).
 *
 * Security events that are not alarms (login lockouts, secret changes) go into the same chain
 * through `recordSecurityEvent`, with `condition_key` 'security'.
 *
 * An 'escalated' event also puts its escalation in the outbox (escalation-outbox.ts) in the same
 * transaction as its audit row, so an escalation is never recorded without being queued to send.
 *
 * Writes are batched: `enqueue` collects events and one transaction per batch appends them in
 * the order received — the chain's order is the engine's order. A batch is flushed on the next
 * microtask (so all events of one engine call share one transaction), on `flush()`, or when
 * `batchSize` is reached. A failed write keeps the batch and the chain head unchanged and
 * retries on the next flush.
 */
import type { Alarm, AlarmEvent } from './alarm-types.js';
import { AUDIT_COLUMNS, GENESIS_HASH, auditMac, canonicalJson, chainHash, rowFromDb, switchOverText, type AuditEntry, type AuditRow, type ChainRule } from './audit-chain.js';
import type { AuditKeySource } from './audit-key.js';
import type { EscalationOutbox } from './escalation-outbox.js';
import type { Database } from '../store/database.js';

/** A security event that is not an alarm (a login lockout, a secret changed), for the audit log. */
export interface SecurityEvent {
  /** What happened, kebab-case: 'login-lockout', 'secret-changed'… */
  type: string;
  actor: string;
  actorRole: string;
  text: string | null;
  detail?: Record<string, unknown>;
  /** UTC epoch ms; now when absent. */
  at?: number;
}

/** `condition_key` of security events in the audit log. */
export const SECURITY_CONDITION_KEY = 'security';

/** What an escalation sends; built by the alarm service from the event. */
export interface EscalationMessage {
  id: string;
  topic: string;
  payload: string;
}

type Pending = { kind: 'alarm'; event: AlarmEvent } | { kind: 'security'; event: SecurityEvent & { at: number } };

export interface AlarmStoreOptions {
  /** The audit chain's HMAC key (audit-key.ts). */
  keys: AuditKeySource;
  /** Where 'escalated' events put their escalation, with what `escalationOf` builds. */
  outbox?: EscalationOutbox;
  escalationOf?: (event: AlarmEvent) => EscalationMessage | null;
  /** Told after each written batch (the escalation sender drains the outbox then). */
  onWritten?: () => void;
  batchSize?: number;
  /** Events held while writes fail; beyond this the oldest unwritten are dropped and counted. */
  maxQueued?: number;
  /** Told about a failed batch (it will be retried). */
  onWriteError?: (error: unknown, queued: number) => void;
  /** Flush on the next microtask after an enqueue (default true). Tests may turn it off. */
  autoFlush?: boolean;
}

export interface AlarmStoreStats {
  written: number;
  queued: number;
  dropped: number;
  failedBatches: number;
}

export interface AuditQuery {
  alarmId?: string;
  conditionKey?: string;
  /** Rows with seq below this (paging back). */
  beforeSeq?: number;
  /** Newest first; default 200, at most 5,000. */
  limit?: number;
}

export class AlarmStore {
  private queue: Pending[] = [];
  private flushScheduled = false;
  private head: { seq: number; hash: string };
  private readonly stats: AlarmStoreStats = { written: 0, queued: 0, dropped: 0, failedBatches: 0 };
  private readonly writeBatch: (events: Pending[]) => { seq: number; hash: string };
  private readonly batchSize: number;
  private readonly maxQueued: number;
  private readonly rule: ChainRule;

  constructor(
    private readonly db: Database,
    private readonly options: AlarmStoreOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.maxQueued = options.maxQueued ?? 100_000;
    this.rule = sealSwitchOver(db, options.keys.auditKey());
    this.head = this.readHead();
    const insertAudit = db.prepare(`INSERT INTO alarm_audit (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const upsertAlarm = db.prepare(
      `INSERT INTO alarms (condition_key, alarm_id, source_device, state, priority, updated_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (condition_key) DO UPDATE SET alarm_id = excluded.alarm_id, source_device = excluded.source_device,
         state = excluded.state, priority = excluded.priority, updated_at = excluded.updated_at, body = excluded.body`,
    );
    const deleteAlarm = db.prepare('DELETE FROM alarms WHERE condition_key = ?');
    this.writeBatch = db.transaction((items: Pending[]) => {
      // Work on a local head: if the transaction rolls back, `this.head` is untouched.
      let { seq, hash } = this.head;
      const latest = new Map<string, AlarmEvent>();
      for (const item of items) {
        const entry = item.kind === 'alarm' ? auditEntryOf(item.event, seq + 1) : securityEntryOf(item.event, seq + 1);
        const next = chainHash(this.rule, hash, entry);
        insertAudit.run(
          entry.seq, entry.at, entry.type, entry.alarmId, entry.conditionKey, entry.sourceDevice, entry.priority,
          entry.actor, entry.actorRole, entry.text, entry.state, canonicalJson(entry.detail), hash, next,
        );
        seq = entry.seq;
        hash = next;
        if (item.kind !== 'alarm') continue;
        const event = item.event;
        latest.set(event.conditionKey, event);
        if (event.type === 'escalated' && options.outbox && options.escalationOf) {
          const message = options.escalationOf(event);
          if (message) options.outbox.add(message, event.at);
        }
      }
      for (const event of latest.values()) {
        const a = event.alarm;
        if (isPlainNormal(a)) deleteAlarm.run(a.conditionKey);
        else upsertAlarm.run(a.conditionKey, a.id, a.sourceDevice, a.state, a.priority, event.at, JSON.stringify(a));
      }
      return { seq, hash };
    });
  }

  /** Queues an event for the next batch; pass this as the engine's `onEvent`. */
  enqueue(event: AlarmEvent): void {
    this.push({ kind: 'alarm', event });
  }

  /** Records a security event (login lockout, secret changed) in the audit chain, in order with alarm events. */
  recordSecurityEvent(event: SecurityEvent): void {
    this.push({ kind: 'security', event: { ...event, at: event.at ?? Date.now() } });
  }

  private push(item: Pending): void {
    if (this.queue.length >= this.maxQueued) {
      this.queue.shift();
      this.stats.dropped++;
    }
    this.queue.push(item);
    if (this.queue.length >= this.batchSize) this.flush();
    else if (this.options.autoFlush !== false && !this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  /** Writes everything queued, in batches of `batchSize`. False when a batch failed (it stays queued). */
  flush(): boolean {
    while (this.queue.length > 0 && this.db.open) {
      const batch = this.queue.slice(0, this.batchSize);
      try {
        this.head = this.writeBatch(batch);
      } catch (error) {
        this.stats.failedBatches++;
        this.options.onWriteError?.(error, this.queue.length);
        return false;
      }
      this.queue.splice(0, batch.length);
      this.stats.written += batch.length;
      this.options.onWritten?.();
    }
    return this.queue.length === 0;
  }

  /** Alarms to hand to `AlarmEngine.restore` at start-up. */
  loadAlarms(): Alarm[] {
    return this.db
      .prepare<[], { body: string }>('SELECT body FROM alarms ORDER BY condition_key')
      .all()
      .map((r) => JSON.parse(r.body) as Alarm);
  }

  /** The rule rows are hashed with (for verification of archives written by this store). */
  chainRule(): ChainRule {
    return this.rule;
  }

  /** Audit rows, newest first. */
  audit(query: AuditQuery = {}): AuditRow[] {
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (query.alarmId !== undefined) {
      where.push('alarm_id = ?');
      params.push(query.alarmId);
    }
    if (query.conditionKey !== undefined) {
      where.push('condition_key = ?');
      params.push(query.conditionKey);
    }
    if (query.beforeSeq !== undefined) {
      where.push('seq < ?');
      params.push(query.beforeSeq);
    }
    const limit = Math.min(Math.max(1, Math.floor(query.limit ?? 200)), 5_000);
    const sql = `SELECT ${AUDIT_COLUMNS} FROM alarm_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${limit}`;
    return this.db.prepare(sql).all(...params).map((r) => rowFromDb(r as Parameters<typeof rowFromDb>[0]));
  }

  /** The chain's newest seq and hash; worth recording outside the database (see audit-chain.ts). */
  headOfChain(): { seq: number; hash: string } {
    return { ...this.head };
  }

  getStats(): AlarmStoreStats {
    return { ...this.stats, queued: this.queue.length };
  }

  private readHead(): { seq: number; hash: string } {
    const row = this.db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM alarm_audit ORDER BY seq DESC LIMIT 1').get();
    // Everything archived: the chain goes on from the newest archive's head.
    const archived = this.db.prepare<[], { seq: number; hash: string }>('SELECT last_seq AS seq, head_hash AS hash FROM audit_archives ORDER BY last_seq DESC LIMIT 1').get();
    return row ?? archived ?? { seq: 0, hash: GENESIS_HASH };
  }
}

/**
 * The switch-over to keyed hashes, sealed with the key on first use. An existing seal is left as
 * it is: if it was made with another key, verification says so rather than this hiding it.
 */
function sealSwitchOver(db: Database, key: Buffer): ChainRule {
  const row = db.prepare<[], { keyed_from_seq: number; switch_mac: string | null }>('SELECT keyed_from_seq, switch_mac FROM audit_chain WHERE id = 1').get();
  if (!row) throw new Error('audit_chain is missing: the database was not migrated to version 9');
  if (row.switch_mac === null) db.prepare('UPDATE audit_chain SET switch_mac = ? WHERE id = 1').run(auditMac(key, switchOverText(row.keyed_from_seq)));
  return { key, keyedFromSeq: row.keyed_from_seq };
}

/** What the audit log records of a security event. */
export function securityEntryOf(event: SecurityEvent & { at: number }, seq: number): AuditEntry {
  return {
    seq,
    at: event.at,
    type: event.type,
    alarmId: '',
    conditionKey: SECURITY_CONDITION_KEY,
    sourceDevice: '',
    priority: '',
    actor: event.actor,
    actorRole: event.actorRole,
    text: event.text,
    state: '',
    detail: event.detail ?? {},
  };
}

/** What the audit log records of an event. */
export function auditEntryOf(event: AlarmEvent, seq: number): AuditEntry {
  const a = event.alarm;
  return {
    seq,
    at: event.at,
    type: event.type,
    alarmId: event.alarmId,
    conditionKey: event.conditionKey,
    sourceDevice: event.sourceDevice,
    priority: event.priority,
    actor: event.actor.user,
    actorRole: event.actor.role,
    text: event.text,
    state: a.state,
    detail: {
      value: a.value,
      limit: a.limit,
      unit: a.unit,
      message: a.message,
      conditionActive: a.conditionActive,
      latched: a.latched,
      escalated: a.escalated,
      shelvedUntil: a.shelved?.until ?? null,
      suppressed: a.suppressed !== null,
      outOfService: a.outOfService !== null,
    },
  };
}

function isPlainNormal(a: Alarm): boolean {
  return a.state === 'normal' && !a.shelved && !a.suppressed && !a.outOfService;
}
