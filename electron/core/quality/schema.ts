/**
 * Migration 16 (quality): inspections with their checklist items, rectification notices
 * (整改通知单) with an append-only log of every step, and the photos both refer to.
 *
 * Notices carry `origin` ('site' | 'authority') and `external_ref`: the supervising authority's
 * notices arrive from the supervision platform into this same table with its reference number.
 * The log is append-only: a trigger refuses UPDATE and DELETE on it.
 */
export const QUALITY_SCHEMA_SQL = `
  -- Photos checked from their bytes (JPEG/PNG/WebP) and kept under DATA/quality/photos.
  CREATE TABLE q_photos (
    file         TEXT PRIMARY KEY,               -- q-<sha256 prefix>.<ext>
    format       TEXT NOT NULL,
    bytes        INTEGER NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  INTEGER NOT NULL
  );

  CREATE TABLE q_inspections (
    id            INTEGER PRIMARY KEY,
    checklist_id  TEXT NOT NULL,
    result        TEXT NOT NULL,                 -- 'pass' | 'fail'
    inspector     TEXT NOT NULL,
    inspector_role TEXT NOT NULL,
    at            INTEGER NOT NULL,              -- UTC ms of the inspection
    day           TEXT NOT NULL,                 -- the site's day of 'at' (YYYY-MM-DD)
    location      TEXT,                          -- JSON QualityLocation
    remark        TEXT NOT NULL DEFAULT '',
    photos        TEXT NOT NULL DEFAULT '[]',    -- JSON file names
    created_at    INTEGER NOT NULL
  );
  CREATE INDEX q_inspections_at ON q_inspections (at);

  CREATE TABLE q_inspection_items (
    inspection_id INTEGER NOT NULL REFERENCES q_inspections(id),
    code          TEXT NOT NULL,
    result        TEXT NOT NULL,                 -- 'pass' | 'fail' | 'na'
    remark        TEXT NOT NULL DEFAULT '',
    photos        TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (inspection_id, code)
  );

  CREATE TABLE q_notices (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    origin        TEXT NOT NULL DEFAULT 'site',  -- 'site' | 'authority'
    external_ref  TEXT,
    state         TEXT NOT NULL,                 -- NoticeState
    source        TEXT NOT NULL,                 -- JSON NoticeSource
    inspection_id INTEGER REFERENCES q_inspections(id),
    company_id    INTEGER NOT NULL,
    team_id       INTEGER,
    due_date      TEXT NOT NULL,                 -- last site day to rectify
    description   TEXT NOT NULL,
    location      TEXT,
    photos        TEXT NOT NULL DEFAULT '[]',
    raised_by     TEXT NOT NULL,
    raised_at     INTEGER NOT NULL,
    closed_at     INTEGER,
    updated_at    INTEGER NOT NULL
  );
  CREATE INDEX q_notices_state ON q_notices (state, due_date);
  CREATE INDEX q_notices_raised ON q_notices (raised_at);
  CREATE UNIQUE INDEX q_notices_external ON q_notices (origin, external_ref) WHERE external_ref IS NOT NULL;

  CREATE TABLE q_notice_log (
    seq         INTEGER PRIMARY KEY,
    notice_id   INTEGER NOT NULL REFERENCES q_notices(id),
    action      TEXT NOT NULL,
    state       TEXT NOT NULL,                   -- the state after the step
    actor       TEXT NOT NULL,
    actor_role  TEXT NOT NULL,
    at          INTEGER NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    photos      TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX q_notice_log_notice ON q_notice_log (notice_id, seq);
  CREATE TRIGGER q_notice_log_no_update BEFORE UPDATE ON q_notice_log BEGIN SELECT RAISE(ABORT, 'the notice log is append-only'); END;
  CREATE TRIGGER q_notice_log_no_delete BEFORE DELETE ON q_notice_log BEGIN SELECT RAISE(ABORT, 'the notice log is append-only'); END;
`;
