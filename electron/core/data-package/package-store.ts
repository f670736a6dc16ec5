import type { DataPackageRecord, PackageState } from '../../common/data-package.js';
import type { Database } from '../store/database.js';

interface Row {
  id: string;
  period_from: string;
  period_to: string;
  time_zone: string;
  state: PackageState;
  file: string | null;
  bytes: number | null;
  sha256: string | null;
  empty: number | null;
  left_out: number;
  made_by: string;
  requested_at: number;
  finished_at: number | null;
  error: string | null;
}

export type StoredPackage = Omit<DataPackageRecord, 'progress' | 'step'>;

function record(r: Row): StoredPackage {
  return {
    id: r.id,
    from: r.period_from,
    to: r.period_to,
    timeZone: r.time_zone,
    state: r.state,
    file: r.file,
    bytes: r.bytes,
    sha256: r.sha256,
    empty: r.empty === null ? null : r.empty === 1,
    leftOut: r.left_out,
    madeBy: r.made_by,
    requestedAt: r.requested_at,
    finishedAt: r.finished_at,
    error: r.error,
  };
}

/** The packages made (table `data_packages`, migration 22). */
export class PackageStore {
  constructor(private readonly db: Database) {}

  insert(p: Pick<StoredPackage, 'id' | 'from' | 'to' | 'timeZone' | 'madeBy' | 'requestedAt'>): void {
    this.db
      .prepare('INSERT INTO data_packages (id, period_from, period_to, time_zone, state, made_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(p.id, p.from, p.to, p.timeZone, 'queued', p.madeBy, p.requestedAt);
  }

  setState(id: string, state: PackageState): void {
    this.db.prepare('UPDATE data_packages SET state = ? WHERE id = ?').run(state, id);
  }

  finish(id: string, f: { file: string; bytes: number; sha256: string; empty: boolean; leftOut: number }, at: number): void {
    this.db
      .prepare("UPDATE data_packages SET state = 'done', file = ?, bytes = ?, sha256 = ?, empty = ?, left_out = ?, finished_at = ?, error = NULL WHERE id = ?")
      .run(f.file, f.bytes, f.sha256, f.empty ? 1 : 0, f.leftOut, at, id);
  }

  fail(id: string, error: string, at: number): void {
    this.db.prepare("UPDATE data_packages SET state = 'failed', finished_at = ?, error = ? WHERE id = ?").run(at, error, id);
  }

  /** Packages left unfinished by a core that stopped: failed, with the reason. */
  failUnfinished(at: number): number {
    return this.db
      .prepare("UPDATE data_packages SET state = 'failed', finished_at = ?, error = 'the core stopped while the package was being made; make it again' WHERE state NOT IN ('done', 'failed')")
      .run(at).changes;
  }

  get(id: string): StoredPackage | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM data_packages WHERE id = ?').get(id);
    return row ? record(row) : null;
  }

  list(limit: number): StoredPackage[] {
    return this.db.prepare<[number], Row>('SELECT * FROM data_packages ORDER BY requested_at DESC, id LIMIT ?').all(limit).map(record);
  }
}
