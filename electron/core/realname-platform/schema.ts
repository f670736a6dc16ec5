/**
 * Migration 21 (real-name platform): where each workforce record stands with the national
 * real-name platform. `fingerprint` is a hash of what was (or will be) sent, so a sync pass
 * enqueues a record only when it is new or changed, and a rejected record is sent again only when
 * it changes. The uploads themselves travel through the outbox (migration 20, channel `realname`).
 */
export const REALNAME_PLATFORM_SCHEMA_SQL = `
  CREATE TABLE rn_records (
    key           TEXT PRIMARY KEY,            -- company:ID | team:ID | worker:ID | entry:MEMBERSHIP | exit:MEMBERSHIP | att:PASSAGE | pay:MONTH:MEMBERSHIP
    kind          TEXT NOT NULL,               -- REALNAME_RECORD_KINDS
    label         TEXT NOT NULL,               -- for the labour manager: a name, a date
    depends_on    TEXT NOT NULL,               -- JSON array of keys that must be accepted first
    fingerprint   TEXT NOT NULL,               -- SHA-256 of the record's content (no clear ID numbers)
    state         TEXT NOT NULL,               -- queued | submitted | accepted | rejected | held | blocked
    request_code  TEXT,                        -- the platform's request code while submitted
    ref           TEXT,                        -- what the platform assigned (a team's teamSysNo)
    code          TEXT,                        -- the platform's code of a rejection (or ours for held/blocked)
    reason        TEXT,                        -- why rejected/held/blocked, in Chinese
    updated_at    INTEGER NOT NULL,            -- UTC epoch ms
    accepted_at   INTEGER
  );
  CREATE INDEX rn_records_state ON rn_records (state, updated_at);

  CREATE TABLE rn_sync (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    last_sync_at   INTEGER,                    -- UTC epoch ms of the last pass that ran through
    last_passage   INTEGER NOT NULL DEFAULT 0, -- wf_passages.id up to which attendance was enqueued
    last_error     TEXT
  );
  INSERT INTO rn_sync (id) VALUES (1);
`;
