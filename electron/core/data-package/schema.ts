/**
 * Migration 22 (data packages): the packages made for the authority, one row each, so the list
 * survives restarts and a recipient can compare the file's SHA-256 with what the site recorded.
 */
export const DATA_PACKAGE_SCHEMA_SQL = `
  CREATE TABLE data_packages (
    id           TEXT PRIMARY KEY,              -- 12 hex digits
    period_from  TEXT NOT NULL,                 -- first site day, YYYY-MM-DD
    period_to    TEXT NOT NULL,                 -- last site day, inclusive
    time_zone    TEXT NOT NULL,
    state        TEXT NOT NULL,                 -- queued | gathering | writing | done | failed
    file         TEXT,                          -- name under DATA/data-packages once done
    bytes        INTEGER,
    sha256       TEXT,                          -- of the whole tar file
    empty        INTEGER,                       -- 1: the period held no records
    left_out     INTEGER NOT NULL DEFAULT 0,    -- attachments left out by the size cap
    made_by      TEXT NOT NULL,
    requested_at INTEGER NOT NULL,
    finished_at  INTEGER,
    error        TEXT
  );
  CREATE INDEX data_packages_requested ON data_packages (requested_at);
`;
