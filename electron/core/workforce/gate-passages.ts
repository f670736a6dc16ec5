import type { CredentialKind, PassageDirection, PassageOutcome } from '../../common/workforce.js';
import type { Statement } from 'better-sqlite3';
import type { Database } from '../store/database.js';
import type { CountedPassage } from './headcount.js';

/** One row of `wf_passages` as the gate path writes it. */
export interface NewPassage {
  eventKey: string;
  gateId: string;
  workerId: number | null;
  credentialKind: CredentialKind;
  credentialHash: string | null;
  direction: PassageDirection;
  at: number;
  received: number;
  outcome: PassageOutcome;
  photoFile: string | null;
  counted: boolean;
  via: 'mqtt' | 'http';
  reason: string;
  personKey: string | null;
}

/** A passage already stored, enough to answer a resend as the first time. */
export interface StoredPassage {
  id: number;
  workerId: number | null;
  outcome: PassageOutcome;
  direction: PassageDirection;
}

/** A passage as listed (joined with the worker and company). */
export interface PassageListRow {
  id: number;
  gateId: string;
  workerId: number | null;
  workerName: string | null;
  company: string | null;
  direction: PassageDirection;
  credentialKind: CredentialKind;
  at: number;
  received: number;
  outcome: PassageOutcome;
  photoFile: string | null;
}

/** The gate path's statements on `wf_passages`, prepared once (the gate path runs thousands a minute at shift change). */
export class GatePassages {
  private readonly byKey: Statement;
  private readonly repeat: Statement;
  private readonly insertRow: Statement;
  private readonly anyWorker: Statement;

  constructor(readonly db: Database) {
    this.byKey = db.prepare('SELECT id, worker_id, outcome, direction FROM wf_passages WHERE event_key = ?');
    this.repeat = db.prepare(
      `SELECT id, worker_id, outcome, direction FROM wf_passages
        WHERE person_key = ? AND gate_id = ? AND direction = ? AND at BETWEEN ? AND ? AND outcome != 'too-late' ORDER BY at LIMIT 1`,
    );
    this.insertRow = db.prepare(
      `INSERT INTO wf_passages (event_key, gate_id, worker_id, credential_kind, credential_hash, direction, at, received, outcome, photo_file, counted, via, reason, person_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.anyWorker = db.prepare('SELECT EXISTS (SELECT 1 FROM wf_workers) AS any');
  }

  find(eventKey: string): StoredPassage | null {
    const r = this.byKey.get(eventKey) as Record<string, unknown> | undefined;
    return r ? storedOf(r) : null;
  }

  /** The same person at the same gate in the same direction within `windowMs` of `at` (a repeated swipe). */
  findRepeat(personKey: string, gateId: string, direction: PassageDirection, at: number, windowMs: number): StoredPassage | null {
    const r = this.repeat.get(personKey, gateId, direction, at - windowMs, at + windowMs) as Record<string, unknown> | undefined;
    return r ? storedOf(r) : null;
  }

  insert(p: NewPassage): number {
    return Number(
      this.insertRow.run(p.eventKey, p.gateId, p.workerId, p.credentialKind, p.credentialHash, p.direction, p.at, p.received, p.outcome, p.photoFile, p.counted ? 1 : 0, p.via, p.reason, p.personKey)
        .lastInsertRowid,
    );
  }

  /** Whether the registry holds anyone (an empty registry keeps the plain count by gate-reported id). */
  registryInUse(): boolean {
    return (this.anyWorker.get() as { any: number }).any === 1;
  }

  /** Counted passages since `since`, for rebuilding the headcount; `zoneOf` maps a gate to its zone. */
  countedSince(since: number, zoneOf: (gateId: string) => string): CountedPassage[] {
    const rows = this.db.prepare('SELECT person_key, worker_id, direction, at, gate_id FROM wf_passages WHERE counted = 1 AND at >= ? ORDER BY at, id').all(since) as Array<Record<string, unknown>>;
    return rows
      .filter((r) => typeof r.person_key === 'string')
      .map((r) => ({ personKey: r.person_key as string, workerId: (r.worker_id as number | null) ?? null, direction: r.direction as PassageDirection, at: r.at as number, zone: zoneOf(r.gate_id as string) }));
  }

  /** Newest first. */
  recent(limit: number, beforeId: number | null): PassageListRow[] {
    const rows = this.db
      .prepare(
        `SELECT p.id, p.gate_id, p.worker_id, w.name AS worker_name, c.name AS company, p.direction, p.credential_kind, p.at, p.received, p.outcome, p.photo_file
           FROM wf_passages p
           LEFT JOIN wf_workers w ON w.id = p.worker_id
           LEFT JOIN wf_memberships m ON m.worker_id = p.worker_id AND m.exited_on IS NULL
           LEFT JOIN wf_companies c ON c.id = m.company_id
          WHERE p.id < ? ORDER BY p.id DESC LIMIT ?`,
      )
      .all(beforeId ?? Number.MAX_SAFE_INTEGER, limit) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: r.id as number,
      gateId: r.gate_id as string,
      workerId: (r.worker_id as number | null) ?? null,
      workerName: (r.worker_name as string | null) ?? null,
      company: (r.company as string | null) ?? null,
      direction: r.direction as PassageDirection,
      credentialKind: r.credential_kind as CredentialKind,
      at: r.at as number,
      received: r.received as number,
      outcome: r.outcome as PassageOutcome,
      photoFile: (r.photo_file as string | null) ?? null,
    }));
  }
}

function storedOf(r: Record<string, unknown>): StoredPassage {
  return { id: r.id as number, workerId: (r.worker_id as number | null) ?? null, outcome: r.outcome as PassageOutcome, direction: r.direction as PassageDirection };
}
