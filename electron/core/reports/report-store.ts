import type { ReportFileInfo, ReportKind, ReportRecord, ReportState } from '../../common/reports.js';
import type { Database } from '../store/database.js';

interface Row {
  id: string;
  kind: ReportKind;
  period_from: string;
  period_to: string;
  time_zone: string;
  state: ReportState;
  files: string;
  made_by: string;
  requested_at: number;
  finished_at: number | null;
  error: string | null;
}

/** The list of reports (table `reports`, migration 17). */
export class ReportStore {
  constructor(private readonly db: Database) {}

  insert(r: Pick<ReportRecord, 'id' | 'kind' | 'from' | 'to' | 'timeZone' | 'madeBy' | 'requestedAt'> & { scheduleKey?: string }): void {
    this.db
      .prepare('INSERT INTO reports (id, kind, period_from, period_to, time_zone, state, made_by, schedule_key, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(r.id, r.kind, r.from, r.to, r.timeZone, 'queued', r.madeBy, r.scheduleKey ?? null, r.requestedAt);
  }

  hasScheduleKey(key: string): boolean {
    return this.db.prepare('SELECT 1 FROM reports WHERE schedule_key = ?').get(key) !== undefined;
  }

  setState(id: string, state: ReportState): void {
    this.db.prepare('UPDATE reports SET state = ? WHERE id = ?').run(state, id);
  }

  finish(id: string, files: ReportFileInfo[], at: number): void {
    this.db.prepare("UPDATE reports SET state = 'done', files = ?, finished_at = ?, error = NULL WHERE id = ?").run(JSON.stringify(files), at, id);
  }

  fail(id: string, error: string, at: number): void {
    this.db.prepare("UPDATE reports SET state = 'failed', files = '[]', finished_at = ?, error = ? WHERE id = ?").run(at, error, id);
  }

  /** Reports left queued or half-made by a core that stopped: failed, with the reason. */
  failUnfinished(at: number): number {
    return this.db.prepare("UPDATE reports SET state = 'failed', finished_at = ?, error = 'the core stopped while the report was being made; make it again' WHERE state NOT IN ('done', 'failed')").run(at).changes;
  }

  get(id: string): Omit<ReportRecord, 'section' | 'sections'> | null {
    const row = this.db.prepare('SELECT * FROM reports WHERE id = ?').get(id) as Row | undefined;
    return row ? recordOf(row) : null;
  }

  /** Newest first. */
  list(limit: number, kind?: ReportKind): Array<Omit<ReportRecord, 'section' | 'sections'>> {
    const rows = (kind
      ? this.db.prepare('SELECT * FROM reports WHERE kind = ? ORDER BY requested_at DESC, id LIMIT ?').all(kind, limit)
      : this.db.prepare('SELECT * FROM reports ORDER BY requested_at DESC, id LIMIT ?').all(limit)) as Row[];
    return rows.map(recordOf);
  }
}

function recordOf(r: Row): Omit<ReportRecord, 'section' | 'sections'> {
  return {
    id: r.id,
    kind: r.kind,
    from: r.period_from,
    to: r.period_to,
    timeZone: r.time_zone,
    state: r.state,
    files: JSON.parse(r.files) as ReportFileInfo[],
    madeBy: r.made_by,
    requestedAt: r.requested_at,
    finishedAt: r.finished_at,
    error: r.error,
  };
}
