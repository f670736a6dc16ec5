/**
 * Migration 15 (progress): the console's edits on top of the site file's schedules, and the log of
 * every change. A row here wins over the file's value for the same building and floor (or
 * milestone); the file stays the starting point. `progress_changes` is append-only: who changed
 * what, when, from what to what (a site diary's entries are never rewritten, GB/T 50502-2009 §7).
 */
export const PROGRESS_SCHEMA_SQL = `
CREATE TABLE progress_floor_plans (
  building_id TEXT NOT NULL,
  floor INTEGER NOT NULL,
  planned_on TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_at INTEGER NOT NULL,
  PRIMARY KEY (building_id, floor)
);
-- completed_on NULL: a completion taken back (overrides one from the site file too).
CREATE TABLE progress_completions (
  building_id TEXT NOT NULL,
  floor INTEGER NOT NULL,
  completed_on TEXT,
  capture_id TEXT,
  set_by TEXT NOT NULL,
  set_at INTEGER NOT NULL,
  PRIMARY KEY (building_id, floor)
);
CREATE TABLE progress_milestones (
  building_id TEXT NOT NULL,
  name TEXT NOT NULL,
  planned_on TEXT NOT NULL,
  done_on TEXT,
  set_by TEXT NOT NULL,
  set_at INTEGER NOT NULL,
  PRIMARY KEY (building_id, name)
);
CREATE TABLE progress_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  building_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('plan', 'complete', 'clear', 'milestone')),
  subject TEXT NOT NULL,
  before TEXT,
  after TEXT,
  capture_id TEXT
);
CREATE INDEX progress_changes_building ON progress_changes (building_id, seq);
CREATE INDEX progress_completions_day ON progress_completions (completed_on);
`;
