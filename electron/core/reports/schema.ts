/**
 * Migration 17 (reports): one row per report asked for, by a person or the schedule. A report's
 * files are written under DATA/reports/YYYY/MM/ under a temporary name and renamed when whole, so
 * a row in state `done` always names complete files (their SHA-256 recorded here); a failed report
 * keeps its reason and no file. `schedule_key` (kind and period) makes the schedule's run for a
 * period happen once even across restarts.
 */
export const REPORTS_SCHEMA_SQL = `
  CREATE TABLE reports (
    id            TEXT PRIMARY KEY,             -- 12 hex digits
    kind          TEXT NOT NULL,                -- daily | weekly | monthly
    period_from   TEXT NOT NULL,                -- first site day, YYYY-MM-DD
    period_to     TEXT NOT NULL,                -- last site day, inclusive
    time_zone     TEXT NOT NULL,                -- IANA zone the days are read in
    state         TEXT NOT NULL,                -- queued | gathering | rendering | done | failed
    files         TEXT NOT NULL DEFAULT '[]',   -- JSON [{format, file, bytes, sha256}]
    made_by       TEXT NOT NULL,                -- username, or 'schedule'
    schedule_key  TEXT UNIQUE,                  -- kind:from for the schedule's runs; null on demand
    requested_at  INTEGER NOT NULL,             -- UTC epoch ms
    finished_at   INTEGER,
    error         TEXT                          -- why it failed
  );
  CREATE INDEX reports_period ON reports (period_from, kind);
`;
