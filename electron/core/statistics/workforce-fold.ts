/**
 * Headcount by team and company per site day, from gate passages (wf_passages, by id): a worker
 * counted in (the gate admitted them, placed by the passage's own time) on a day is present that
 * day, once. Their team and company are the membership in force when the passage is folded.
 * Panorama captures per day (by the capture's own time, else its arrival) are folded here too:
 * both are small tables read by row id.
 */
import type { Database } from '../store/database.js';
import { siteLocal } from '../workforce/attendance-clock.js';
import { DailyCounters, Watermarks } from './daily-counters.js';

interface PassageRow {
  id: number;
  worker_id: number | null;
  at: number;
}
interface CaptureRow {
  rowid: number;
  point_id: string | null;
  at: number;
}

export const WORKFORCE_FOLD_CHUNK = 5000;

export class WorkforceFold {
  private readonly counters: DailyCounters;
  private readonly marks: Watermarks;
  private readonly passages;
  private readonly captures;
  private readonly membership;
  private readonly present;
  private readonly foldPassages: (rows: PassageRow[], last: number) => void;
  private readonly foldCaptures: (rows: CaptureRow[]) => void;

  constructor(
    db: Database,
    private readonly timeZone: () => string,
  ) {
    this.counters = new DailyCounters(db);
    this.marks = new Watermarks(db);
    this.passages = db.prepare<[number, number], PassageRow & { outcome: string; direction: string }>(
      'SELECT id, worker_id, at, outcome, direction FROM wf_passages WHERE id > ? ORDER BY id LIMIT ?',
    );
    this.captures = db.prepare<[number, number], CaptureRow>(
      'SELECT rowid, point_id, coalesce(captured_at, ingested_at) AS at FROM panorama_captures WHERE rowid > ? ORDER BY rowid LIMIT ?',
    );
    this.membership = db.prepare<[number], { team_id: number | null; company_id: number }>(
      'SELECT team_id, company_id FROM wf_memberships WHERE worker_id = ? AND exited_on IS NULL ORDER BY id DESC LIMIT 1',
    );
    this.present = db.prepare('INSERT OR IGNORE INTO stat_presence (day, worker_id, team_id, company_id, first_in) VALUES (?, ?, ?, ?, ?)');
    this.foldPassages = db.transaction((rows: PassageRow[], last: number) => {
      const tz = this.timeZone();
      for (const row of rows) {
        if (row.worker_id === null) continue;
        const day = siteLocal(row.at, tz).day;
        const m = this.membership.get(row.worker_id);
        const inserted = this.present.run(day, row.worker_id, m?.team_id ?? null, m?.company_id ?? null, row.at);
        if (inserted.changes === 0) continue;
        this.counters.add('workforce.present', ['site', `team:${m?.team_id ?? ''}`, `company:${m?.company_id ?? ''}`], day);
      }
      this.counters.flush();
      this.marks.set('wf_passages.id', last);
    });
    this.foldCaptures = db.transaction((rows: CaptureRow[]) => {
      const tz = this.timeZone();
      for (const row of rows) this.counters.add('panorama.captures', ['site', `point:${row.point_id ?? ''}`], siteLocal(row.at, tz).day);
      this.counters.flush();
      this.marks.set('panorama_captures.rowid', rows[rows.length - 1]!.rowid);
    });
  }

  step(): number {
    const rows = this.passages.all(this.marks.get('wf_passages.id') ?? 0, WORKFORCE_FOLD_CHUNK);
    if (rows.length > 0) {
      this.foldPassages(
        rows.filter((r) => r.direction === 'in' && r.outcome === 'admitted'),
        rows[rows.length - 1]!.id,
      );
    }
    const captures = this.captures.all(this.marks.get('panorama_captures.rowid') ?? 0, WORKFORCE_FOLD_CHUNK);
    if (captures.length > 0) this.foldCaptures(captures);
    return rows.length + captures.length;
  }
}
