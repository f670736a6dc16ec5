import { ApiError } from '../../common/api/errors.js';
import type { PanelPlacement, Screen, ScreenDraft, ScreenSummary } from '../../common/screens.js';
import type { Database } from '../store/database.js';

interface ScreenRow {
  name: string;
  title: string;
  columns: number;
  rows: number;
  panels: string;
  version: number;
  updated_at: number;
  updated_by: string;
}

function toScreen(row: ScreenRow): Screen {
  return {
    name: row.name,
    title: row.title,
    columns: row.columns,
    rows: row.rows,
    panels: JSON.parse(row.panels) as PanelPlacement[],
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** SQLite side of the wall screens (migration 18). Checks versions; layout rules are the caller's. */
export class ScreenStore {
  constructor(private readonly db: Database) {}

  list(): ScreenSummary[] {
    return this.db
      .prepare<[], ScreenRow>('SELECT * FROM screens ORDER BY name')
      .all()
      .map((row) => ({ name: row.name, title: row.title, panels: (JSON.parse(row.panels) as unknown[]).length, version: row.version, updatedAt: row.updated_at }));
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM screens').get()?.n ?? 0;
  }

  get(name: string): Screen | null {
    const row = this.db.prepare<[string], ScreenRow>('SELECT * FROM screens WHERE name = ?').get(name);
    return row ? toScreen(row) : null;
  }

  /**
   * Writes a screen if `draft.version` is the stored version (0 or absent for a new one), in one
   * transaction so two saves racing on the same version cannot both win.
   */
  save(draft: ScreenDraft, actor: string, at: number): Screen {
    return this.db.transaction(() => {
      const current = this.get(draft.name);
      const expected = draft.version ?? 0;
      const stored = current?.version ?? 0;
      if (expected !== stored) {
        throw new ApiError(
          'conflict',
          current
            ? `screen "${draft.name}" was changed by ${current.updatedBy} since you opened it (version ${stored}, yours ${expected}); reload it and make your change again`
            : `screen "${draft.name}" no longer exists; save it as a new screen`,
          'version',
        );
      }
      const version = stored + 1;
      this.db
        .prepare(
          `INSERT INTO screens (name, title, columns, rows, panels, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(name) DO UPDATE SET title = excluded.title, columns = excluded.columns, rows = excluded.rows, panels = excluded.panels,
             version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .run(draft.name, draft.title, draft.columns, draft.rows, JSON.stringify(draft.panels), version, at, actor);
      return this.get(draft.name)!;
    })();
  }

  delete(name: string): boolean {
    return this.db.prepare('DELETE FROM screens WHERE name = ?').run(name).changes > 0;
  }
}
