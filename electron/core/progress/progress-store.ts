import type { ProgressChange, SiteDay } from '../../common/progress.js';
import type { Database } from '../store/database.js';

/** A console edit of a floor's completion: a day (with its evidence) or null when taken back. */
export interface CompletionEdit {
  floor: number;
  completed: SiteDay | null;
  captureId: string | null;
  by: string;
  at: number;
}

export interface MilestoneEdit {
  name: string;
  planned: SiteDay;
  done: SiteDay | null;
}

/** Who did it and when (UTC ms), for every write. */
export interface Actor {
  by: string;
  at: number;
}

/** SQLite side of progress (migration 15): the console's edits and their change log. */
export class ProgressStore {
  constructor(private readonly db: Database) {}

  plansOf(buildingId: string): Map<number, SiteDay> {
    const rows = this.db.prepare('SELECT floor, planned_on FROM progress_floor_plans WHERE building_id = ?').raw().all(buildingId) as [number, string][];
    return new Map(rows);
  }

  completionsOf(buildingId: string): Map<number, CompletionEdit> {
    const rows = this.db
      .prepare('SELECT floor, completed_on, capture_id, set_by, set_at FROM progress_completions WHERE building_id = ?')
      .raw()
      .all(buildingId) as [number, string | null, string | null, string, number][];
    return new Map(rows.map(([floor, completed, captureId, by, at]) => [floor, { floor, completed, captureId, by, at }]));
  }

  milestonesOf(buildingId: string): MilestoneEdit[] {
    const rows = this.db.prepare('SELECT name, planned_on, done_on FROM progress_milestones WHERE building_id = ? ORDER BY planned_on, name').raw().all(buildingId) as [string, string, string | null][];
    return rows.map(([name, planned, done]) => ({ name, planned, done }));
  }

  /** Sets planned days and logs each change, in one transaction. `before` is the value in force before. */
  setPlans(buildingId: string, floors: { floor: number; planned: SiteDay; before: SiteDay | null }[], who: Actor): void {
    const upsert = this.db.prepare(
      `INSERT INTO progress_floor_plans (building_id, floor, planned_on, set_by, set_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (building_id, floor) DO UPDATE SET planned_on = excluded.planned_on, set_by = excluded.set_by, set_at = excluded.set_at`,
    );
    this.db.transaction(() => {
      for (const f of floors) {
        upsert.run(buildingId, f.floor, f.planned, who.by, who.at);
        this.log(who, buildingId, 'plan', String(f.floor), f.before, f.planned, null);
      }
    })();
  }

  setCompletion(buildingId: string, floor: number, completed: SiteDay | null, captureId: string | null, before: SiteDay | null, who: Actor): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO progress_completions (building_id, floor, completed_on, capture_id, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (building_id, floor) DO UPDATE SET completed_on = excluded.completed_on, capture_id = excluded.capture_id, set_by = excluded.set_by, set_at = excluded.set_at`,
        )
        .run(buildingId, floor, completed, captureId, who.by, who.at);
      this.log(who, buildingId, completed === null ? 'clear' : 'complete', String(floor), before, completed, captureId);
    })();
  }

  setMilestone(buildingId: string, m: MilestoneEdit, before: string | null, who: Actor): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO progress_milestones (building_id, name, planned_on, done_on, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (building_id, name) DO UPDATE SET planned_on = excluded.planned_on, done_on = excluded.done_on, set_by = excluded.set_by, set_at = excluded.set_at`,
        )
        .run(buildingId, m.name, m.planned, m.done, who.by, who.at);
      this.log(who, buildingId, 'milestone', m.name, before, `${m.planned} → ${m.done ?? '—'}`, null);
    })();
  }

  changes(buildingId: string | undefined, limit: number): ProgressChange[] {
    const sql = `SELECT seq, at, actor, building_id, kind, subject, before, after, capture_id FROM progress_changes
      ${buildingId === undefined ? '' : 'WHERE building_id = ?'} ORDER BY seq DESC LIMIT ?`;
    const rows = (buildingId === undefined ? this.db.prepare(sql).all(limit) : this.db.prepare(sql).all(buildingId, limit)) as {
      seq: number;
      at: number;
      actor: string;
      building_id: string;
      kind: ProgressChange['kind'];
      subject: string;
      before: string | null;
      after: string | null;
      capture_id: string | null;
    }[];
    return rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, buildingId: r.building_id, kind: r.kind, subject: r.subject, before: r.before, after: r.after, captureId: r.capture_id }));
  }

  private log(who: Actor, buildingId: string, kind: ProgressChange['kind'], subject: string, before: string | null, after: string | null, captureId: string | null): void {
    this.db
      .prepare('INSERT INTO progress_changes (at, actor, building_id, kind, subject, before, after, capture_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(who.at, who.by, buildingId, kind, subject, before, after, captureId);
  }
}
