/**
 * Migration 18 (wall screens): one row per named screen; its panels as JSON (a screen is read and
 * written whole, never queried by panel). `version` goes up on every save, so an editor working on
 * an older copy is refused instead of overwriting a colleague's change.
 */
export const SCREENS_SCHEMA_SQL = `
CREATE TABLE screens (
  name TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  columns INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  panels TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
);
`;
