/**
 * rn_records and rn_sync (migration 21): where each record stands with the platform, and the sync
 * pass's own state. Writes only; the decisions are in realname-sync.ts and realname-sender.ts.
 */
import type { RealnameProblem, RealnameRecordKind, RealnameRecordState } from '../../common/api/realname-platform.js';
import type { Database } from '../store/database.js';

export interface RecordStateRow {
  key: string;
  kind: RealnameRecordKind;
  label: string;
  dependsOn: string[];
  fingerprint: string;
  state: RealnameRecordState;
  requestCode: string | null;
  ref: string | null;
}

interface Raw {
  key: string;
  kind: string;
  label: string;
  depends_on: string;
  fingerprint: string;
  state: string;
  request_code: string | null;
  ref: string | null;
}

export class RecordStates {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  get(key: string): RecordStateRow | null {
    const r = this.db.prepare('SELECT key, kind, label, depends_on, fingerprint, state, request_code, ref FROM rn_records WHERE key = ?').get(key) as Raw | undefined;
    return r ? { key: r.key, kind: r.kind as RealnameRecordKind, label: r.label, dependsOn: JSON.parse(r.depends_on) as string[], fingerprint: r.fingerprint, state: r.state as RealnameRecordState, requestCode: r.request_code, ref: r.ref } : null;
  }

  /** Every record's fingerprint and state (for a sync pass's comparison). */
  all(): Map<string, { fingerprint: string; state: RealnameRecordState; dependsOn: string }> {
    const rows = this.db.prepare('SELECT key, fingerprint, state, depends_on FROM rn_records').all() as { key: string; fingerprint: string; state: RealnameRecordState; depends_on: string }[];
    return new Map(rows.map((r) => [r.key, { fingerprint: r.fingerprint, state: r.state, dependsOn: r.depends_on }]));
  }

  queue(r: { key: string; kind: RealnameRecordKind; label: string; dependsOn: string[]; fingerprint: string }): void {
    this.db
      .prepare(
        `INSERT INTO rn_records (key, kind, label, depends_on, fingerprint, state, updated_at) VALUES (?, ?, ?, ?, ?, 'queued', ?)
         ON CONFLICT (key) DO UPDATE SET label = excluded.label, depends_on = excluded.depends_on, fingerprint = excluded.fingerprint,
           state = 'queued', request_code = NULL, code = NULL, reason = NULL, updated_at = excluded.updated_at`,
      )
      .run(r.key, r.kind, r.label, JSON.stringify(r.dependsOn), r.fingerprint, this.now());
  }

  submitted(key: string, requestCode: string): void {
    this.db.prepare("UPDATE rn_records SET state = 'submitted', request_code = ?, updated_at = ? WHERE key = ?").run(requestCode, this.now(), key);
  }

  accepted(key: string, ref: string | null): void {
    const at = this.now();
    this.db.prepare("UPDATE rn_records SET state = 'accepted', ref = COALESCE(?, ref), request_code = NULL, code = NULL, reason = NULL, updated_at = ?, accepted_at = ? WHERE key = ?").run(ref, at, at, key);
  }

  /** Rejected by the platform, held back by us, or blocked behind a record that was not accepted. */
  refused(key: string, state: 'rejected' | 'held' | 'blocked', code: string, reason: string): void {
    this.db.prepare('UPDATE rn_records SET state = ?, request_code = NULL, code = ?, reason = ?, updated_at = ? WHERE key = ?').run(state, code, reason.slice(0, 500), this.now(), key);
  }

  counts(): Record<RealnameRecordState, number> {
    const out: Record<RealnameRecordState, number> = { queued: 0, submitted: 0, accepted: 0, rejected: 0, held: 0, blocked: 0 };
    for (const r of this.db.prepare('SELECT state, COUNT(*) AS n FROM rn_records GROUP BY state').all() as { state: RealnameRecordState; n: number }[]) out[r.state] = r.n;
    return out;
  }

  problems(limit = 200): RealnameProblem[] {
    return (
      this.db
        .prepare("SELECT key, kind, label, state, code, reason, updated_at FROM rn_records WHERE state IN ('rejected', 'held', 'blocked') ORDER BY CASE state WHEN 'rejected' THEN 0 WHEN 'held' THEN 1 ELSE 2 END, updated_at DESC, key LIMIT ?")
        .all(limit) as { key: string; kind: RealnameRecordKind; label: string; state: 'rejected' | 'held' | 'blocked'; code: string | null; reason: string | null; updated_at: number }[]
    ).map((r) => ({ key: r.key, kind: r.kind, label: r.label, state: r.state, code: r.code, reason: r.reason ?? '', at: r.updated_at }));
  }

  sync(): { lastSyncAt: number | null; lastPassage: number; lastError: string | null } {
    const r = this.db.prepare('SELECT last_sync_at, last_passage, last_error FROM rn_sync WHERE id = 1').get() as { last_sync_at: number | null; last_passage: number; last_error: string | null };
    return { lastSyncAt: r.last_sync_at, lastPassage: r.last_passage, lastError: r.last_error };
  }

  setLastPassage(id: number): void {
    this.db.prepare('UPDATE rn_sync SET last_passage = ? WHERE id = 1').run(id);
  }

  finishedPass(error: string | null): void {
    if (error === null) this.db.prepare('UPDATE rn_sync SET last_sync_at = ?, last_error = NULL WHERE id = 1').run(this.now());
    else this.db.prepare('UPDATE rn_sync SET last_error = ? WHERE id = 1').run(error.slice(0, 500));
  }
}
