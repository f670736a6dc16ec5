/**
 * The real-name workforce tables (migration 10), after the national platform's objects. Dates
 * that are calendar days (entry, contract, certificate validity) are `YYYY-MM-DD` in the site's
 * time zone; instants are UTC epoch ms. ID and bank-card numbers are never stored in clear:
 * `*_sealed` holds AES-256-GCM ciphertext under a key in the vault, `*_hash` an HMAC-SHA256 under
 * another vault key for look-ups and uniqueness, `*_masked` what roles without reveal see
 * (core/workforce/identity-cipher.ts).
 */
export const WORKFORCE_SCHEMA_SQL = `
  -- 参建单位 (SubContractor + ProjectSubContractor): the general contractor and its subcontractors.
  CREATE TABLE wf_companies (
    id           INTEGER PRIMARY KEY,
    credit_code  TEXT NOT NULL UNIQUE,          -- 统一社会信用代码 (GB 32100-2015), 18 characters
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,                 -- COMPANY_KINDS (electron/common/workforce.ts)
    contact      TEXT,
    phone        TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
  );

  -- 班组 (TeamMaster): a team belongs to one company; the leader is one of its workers.
  CREATE TABLE wf_teams (
    id               INTEGER PRIMARY KEY,
    company_id       INTEGER NOT NULL REFERENCES wf_companies(id),
    name             TEXT NOT NULL,
    leader_worker_id INTEGER REFERENCES wf_workers(id),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    UNIQUE (company_id, name)
  );

  -- WorkerMaster: the person, once per project whatever company they work for.
  CREATE TABLE wf_workers (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL,
    id_type            TEXT NOT NULL,           -- ID_TYPES
    id_sealed          BLOB NOT NULL,           -- AES-256-GCM, never the clear number
    id_hash            TEXT NOT NULL UNIQUE,    -- HMAC-SHA256 (keyed): look-up and "already registered"
    id_masked          TEXT NOT NULL,           -- 110***********123X
    gender             TEXT,                    -- 'M' | 'F' (from a mainland ID's sequence digit)
    ethnicity          TEXT,                    -- 民族
    birth_date         TEXT,                    -- YYYY-MM-DD
    address            TEXT,
    issuing_authority  TEXT,                    -- 签发机关
    id_valid_from      TEXT,
    id_valid_to        TEXT,                    -- null: long-term (长期)
    phone              TEXT,
    education          TEXT,
    trade              TEXT NOT NULL,           -- 工种
    is_manager         INTEGER NOT NULL DEFAULT 0, -- 管理人员 (project, technical, quality, safety, labour leads)
    post               TEXT,                    -- a manager's post
    photo_file         TEXT,                    -- file name under DATA/workforce/photos
    bank_name          TEXT,
    bank_card_sealed   BLOB,
    bank_card_hash     TEXT,
    bank_card_masked   TEXT,
    emergency_contact  TEXT,
    emergency_phone    TEXT,
    card_no            TEXT UNIQUE,             -- gate IC card number
    face_id            TEXT UNIQUE,             -- face template id the turnstiles report
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
  );

  -- ProjectWorker + TeamMember + EntryExitHistory + WorkerContractRule: one row per stint on the
  -- project; at most one open (not exited) stint per worker.
  CREATE TABLE wf_memberships (
    id              INTEGER PRIMARY KEY,
    worker_id       INTEGER NOT NULL REFERENCES wf_workers(id),
    company_id      INTEGER NOT NULL REFERENCES wf_companies(id),
    team_id         INTEGER REFERENCES wf_teams(id),
    role            TEXT NOT NULL DEFAULT 'worker', -- 'worker' | 'manager' | 'team-leader'
    entered_on      TEXT NOT NULL,
    exited_on       TEXT,
    contract_type   TEXT,                       -- CONTRACT_TYPES
    contract_start  TEXT,
    contract_end    TEXT,
    contract_file   TEXT,                       -- file name under DATA/workforce/contracts
    wage_kind       TEXT,                       -- WAGE_KINDS
    wage_rate_fen   INTEGER,                    -- per day or per hour, in fen (分)
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
  );
  CREATE INDEX wf_memberships_worker ON wf_memberships (worker_id);
  CREATE UNIQUE INDEX wf_memberships_open ON wf_memberships (worker_id) WHERE exited_on IS NULL;

  -- PersonalCertifications: special-operation certificates (建质〔2008〕75号).
  CREATE TABLE wf_certificates (
    id           INTEGER PRIMARY KEY,
    worker_id    INTEGER NOT NULL REFERENCES wf_workers(id),
    type         TEXT NOT NULL,                 -- CERTIFICATE_TYPES
    number       TEXT NOT NULL,
    issuer       TEXT,
    valid_from   TEXT NOT NULL,
    valid_to     TEXT NOT NULL,
    review_date  TEXT,                          -- 复审日期
    file         TEXT,                          -- scan under DATA/workforce/certificates
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    UNIQUE (type, number)
  );
  CREATE INDEX wf_certificates_worker ON wf_certificates (worker_id);
  CREATE INDEX wf_certificates_valid_to ON wf_certificates (valid_to);

  -- ProjectTraining per worker: from passed exams (course_id set) or entered by the office.
  CREATE TABLE wf_training_records (
    id         INTEGER PRIMARY KEY,
    worker_id  INTEGER NOT NULL REFERENCES wf_workers(id),
    course_id  INTEGER,
    kind       TEXT NOT NULL,                   -- COURSE_KINDS
    title      TEXT NOT NULL,
    hours      REAL NOT NULL DEFAULT 0,
    passed     INTEGER NOT NULL,
    score      REAL,
    at         INTEGER NOT NULL,
    source     TEXT NOT NULL                    -- 'exam' | 'office'
  );
  CREATE INDEX wf_training_worker ON wf_training_records (worker_id, kind);

  -- Good and bad conduct records (良好/不良行为记录).
  CREATE TABLE wf_conduct (
    id         INTEGER PRIMARY KEY,
    worker_id  INTEGER NOT NULL REFERENCES wf_workers(id),
    kind       TEXT NOT NULL,                   -- 'good' | 'bad'
    at         INTEGER NOT NULL,
    text       TEXT NOT NULL,
    by_user    TEXT NOT NULL
  );

  -- The worker blacklist, by the ID's keyed hash, so a blacklisted person cannot register again
  -- under a new record. Rows are ended (removed_at), never deleted.
  CREATE TABLE wf_blacklist (
    id          INTEGER PRIMARY KEY,
    id_hash     TEXT NOT NULL,
    worker_id   INTEGER REFERENCES wf_workers(id),
    reason      TEXT NOT NULL,
    added_at    INTEGER NOT NULL,
    added_by    TEXT NOT NULL,
    removed_at  INTEGER,
    removed_by  TEXT
  );
  CREATE INDEX wf_blacklist_hash ON wf_blacklist (id_hash);

  -- Gate passages (EntryExit / WorkerAttendance source): every event a turnstile or the MQTT gate
  -- feed reported, with what the core made of it. event_key drops a turnstile's repeats.
  CREATE TABLE wf_passages (
    id              INTEGER PRIMARY KEY,
    event_key       TEXT NOT NULL UNIQUE,       -- gate id + the gate's own event id, or a hash of the event
    gate_id         TEXT NOT NULL,
    worker_id       INTEGER REFERENCES wf_workers(id), -- null: nobody we know
    credential_kind TEXT NOT NULL,              -- CREDENTIAL_KINDS
    credential_hash TEXT,                       -- keyed hash of the card/face id an unknown person showed
    direction       TEXT NOT NULL,              -- 'in' | 'out'
    at              INTEGER NOT NULL,           -- when the gate saw it (UTC epoch ms)
    received        INTEGER NOT NULL,           -- when the core got it
    outcome         TEXT NOT NULL,              -- PASSAGE_OUTCOMES
    photo_file      TEXT                        -- capture under DATA/workforce/captures
  );
  CREATE INDEX wf_passages_worker_at ON wf_passages (worker_id, at);
  CREATE INDEX wf_passages_at ON wf_passages (at);

  -- Every change to the registry: who, when, before and after (ID and bank numbers masked).
  CREATE TABLE wf_changes (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    actor_role  TEXT NOT NULL,
    entity      TEXT NOT NULL,                  -- 'company' | 'team' | 'worker' | 'membership' | ...
    entity_id   INTEGER,
    action      TEXT NOT NULL,                  -- 'create' | 'update' | 'exit' | 'import' | ...
    before      TEXT,                           -- JSON
    after       TEXT                            -- JSON
  );
  CREATE INDEX wf_changes_entity ON wf_changes (entity, entity_id);
  CREATE TRIGGER wf_changes_no_update BEFORE UPDATE ON wf_changes
    BEGIN SELECT RAISE(ABORT, 'wf_changes is append-only'); END;
  CREATE TRIGGER wf_changes_no_delete BEFORE DELETE ON wf_changes
    BEGIN SELECT RAISE(ABORT, 'wf_changes is append-only'); END;
`;
