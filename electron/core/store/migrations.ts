import { REALNAME_PLATFORM_SCHEMA_SQL } from '../realname-platform/schema.js';
import { STATISTICS_RECORDS_SQL, STATISTICS_SCHEMA_SQL } from '../statistics/schema.js';
import { PROGRESS_SCHEMA_SQL } from '../progress/schema.js';
import { QUALITY_SCHEMA_SQL } from '../quality/schema.js';
import { REPORTS_SCHEMA_SQL } from '../reports/schema.js';
import { SCREENS_SCHEMA_SQL } from '../screens/schema.js';
import { GATE_SCHEMA_SQL } from '../workforce/gate-schema.js';
import { ATTENDANCE_SCHEMA_SQL } from '../workforce/attendance-schema.js';
import { WORKFORCE_SCHEMA_SQL } from '../workforce/schema.js';
import { TRAINING_SCHEMA_SQL } from '../workforce/training-schema.js';
import { UPLINK_SCHEMA_SQL } from '../uplink/schema.js';
import { DATA_PACKAGE_SCHEMA_SQL } from '../data-package/schema.js';

/**
 * Schema versions, applied in order inside one transaction each; `PRAGMA user_version` records
 * the last applied. Never edit a released migration: add the next one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'telemetry, users, sessions',
    sql: `
      CREATE TABLE telemetry (
        device_id TEXT NOT NULL,
        kind      TEXT NOT NULL,
        ts        INTEGER NOT NULL,           -- UTC epoch ms of the reading
        received  INTEGER NOT NULL,           -- UTC epoch ms it reached the core
        payload   TEXT NOT NULL               -- validated values, JSON
      );
      CREATE INDEX telemetry_device_ts ON telemetry (device_id, ts);

      CREATE TABLE users (
        id            INTEGER PRIMARY KEY,
        username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,          -- scrypt$N$r$p$salt$hash, never the password
        role          TEXT NOT NULL,
        created_at    INTEGER NOT NULL
      );

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,          -- sha256 of the bearer token; the token itself is not kept
        user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'alarms (current state) and the append-only, hash-chained alarm audit log',
    sql: `
      -- One row per alarm point not in a plain normal state, so a restart keeps latched,
      -- unacknowledged, shelved and out-of-service alarms. Rewritten as alarms change.
      CREATE TABLE alarms (
        condition_key TEXT PRIMARY KEY,       -- device:quantity:level, e.g. crane-1:moment:cutoff
        alarm_id      TEXT NOT NULL,          -- current occurrence
        source_device TEXT NOT NULL,
        state         TEXT NOT NULL,          -- normal | unack-active | ack-active | unack-rtn
        priority      TEXT NOT NULL,
        updated_at    INTEGER NOT NULL,       -- UTC epoch ms of the last event
        body          TEXT NOT NULL           -- the whole Alarm, JSON
      );
      CREATE INDEX alarms_device ON alarms (source_device);

      -- Every alarm event, never changed: hash = sha256(prev_hash || canonical JSON of the entry).
      -- seq is assigned by the writer in chain order (no gaps), so a deleted row shows as a gap.
      CREATE TABLE alarm_audit (
        seq           INTEGER PRIMARY KEY,
        at            INTEGER NOT NULL,       -- UTC epoch ms of the event
        event_type    TEXT NOT NULL,
        alarm_id      TEXT NOT NULL,
        condition_key TEXT NOT NULL,
        source_device TEXT NOT NULL,
        priority      TEXT NOT NULL,
        actor         TEXT NOT NULL,          -- username, or 'system'
        actor_role    TEXT NOT NULL,
        text          TEXT,                   -- comment or reason
        state         TEXT NOT NULL,          -- alarm state after the event
        detail        TEXT NOT NULL,          -- canonical JSON: value, limit, latched, shelve expiry…
        prev_hash     TEXT NOT NULL,
        hash          TEXT NOT NULL
      );
      CREATE INDEX alarm_audit_alarm ON alarm_audit (alarm_id);
      CREATE INDEX alarm_audit_condition ON alarm_audit (condition_key, seq);
      CREATE INDEX alarm_audit_at ON alarm_audit (at);

      CREATE TRIGGER alarm_audit_no_update BEFORE UPDATE ON alarm_audit
        BEGIN SELECT RAISE(ABORT, 'alarm_audit is append-only: rows cannot be changed'); END;
      CREATE TRIGGER alarm_audit_no_delete BEFORE DELETE ON alarm_audit
        BEGIN SELECT RAISE(ABORT, 'alarm_audit is append-only: rows cannot be deleted'); END;
    `,
  },
  {
    version: 3,
    description: '1-minute telemetry rollups (min/max/sum/count per device, metric, minute)',
    sql: `
      -- Kept by TelemetryWriter in the same transaction as the raw rows (see store/rollups.ts).
      -- The primary key is the history query's access path: one device, one metric, a time range.
      -- WITHOUT ROWID: the rows are small and always reached by that key, so the table is the index.
      CREATE TABLE telemetry_minute (
        device_id TEXT NOT NULL,
        metric    TEXT NOT NULL,              -- a numeric field (store/metrics.ts); ranging: distanceM:POINT
        minute    INTEGER NOT NULL,           -- UTC epoch ms of the minute's start
        count     INTEGER NOT NULL,
        sum       REAL NOT NULL,              -- avg = sum / count, so minutes merge exactly into longer buckets
        min       REAL NOT NULL,
        max       REAL NOT NULL,
        PRIMARY KEY (device_id, metric, minute)
      ) WITHOUT ROWID;

      -- Readings stored before this version get their rollups now, so history has no hole at the upgrade.
      INSERT INTO telemetry_minute (device_id, metric, minute, count, sum, min, max)
      SELECT t.device_id,
             CASE WHEN t.kind = 'ranging' THEN j.key || ':' || json_extract(t.payload, '$.pointId') ELSE j.key END,
             (t.ts / 60000) * 60000, count(*), sum(j.value), min(j.value), max(j.value)
        FROM telemetry t, json_each(t.payload) j
       WHERE j.type IN ('integer', 'real') AND t.kind <> 'gate'
       GROUP BY 1, 2, 3;
    `,
  },
  {
    version: 4,
    description: 'alarm evidence clips',
    sql: `
      -- One row per (alarm occurrence, clip): a burst of alarms on one device shares one clip.
      CREATE TABLE alarm_clips (
        alarm_id      TEXT NOT NULL,
        condition_key TEXT NOT NULL,
        camera_id     TEXT NOT NULL,
        file          TEXT NOT NULL,          -- name in DATA/clips, CAMERA-yyyymmddThhmmssmmmZ.mp4
        started_at    INTEGER NOT NULL,       -- UTC epoch ms of the first frame
        duration_s    REAL NOT NULL,
        bytes         INTEGER NOT NULL,
        created_at    INTEGER NOT NULL,
        PRIMARY KEY (alarm_id, file)
      );
      CREATE INDEX alarm_clips_file ON alarm_clips (file);
    `,
  },
  {
    version: 6,
    description: 'device registry overrides and their change log; the regulator\'s blacklist',
    sql: `
      -- The site file stays the installer's baseline; these are the admin's edits on top of it,
      -- one row per edited device, applied at start and live (core/registry/device-registry.ts).
      CREATE TABLE device_overrides (
        device_id  TEXT PRIMARY KEY,
        fields     TEXT NOT NULL,             -- JSON: only the overridden fields (name, model, supplier, serial, installedOn, calibratedOn, position, expectedIntervalS)
        updated_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL           -- UTC epoch ms
      );

      -- Every registry edit: who, when, and each field's value before and after.
      CREATE TABLE device_changes (
        seq        INTEGER PRIMARY KEY,
        device_id  TEXT NOT NULL,
        at         INTEGER NOT NULL,          -- UTC epoch ms
        actor      TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        changes    TEXT NOT NULL              -- JSON: { field: { from, to } }
      );
      CREATE INDEX device_changes_device ON device_changes (device_id, seq);

      -- Products and suppliers the regulator bars from data collection. Removing an entry keeps the
      -- row (removed_by, removed_at) so the record of who lifted it stays.
      CREATE TABLE blacklist (
        id         INTEGER PRIMARY KEY,
        model      TEXT,                      -- as entered; matched trimmed, case- and space-insensitively
        supplier   TEXT,
        reason     TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        removed_by TEXT,
        removed_at INTEGER,
        CHECK (model IS NOT NULL OR supplier IS NOT NULL)
      );
    `,
  },
  {
    version: 7,
    description: 'devices out of service (alarms suppressed by design)',
    sql: `
      -- A device taken out of service by a safety officer (a crane being climbed, a monitor being
      -- calibrated): its alarms are suppressed by design until it is back. Kept across restarts.
      CREATE TABLE device_service_state (
        device_id  TEXT PRIMARY KEY,
        reason     TEXT NOT NULL,
        set_by     TEXT NOT NULL,
        set_at     INTEGER NOT NULL
      );
    `,
  },
  {
    version: 5,
    description: 'panoramic imaging: captures, measurements, pinned issues',
    sql: `
      -- One row per distinct panorama (sha256 of the file's bytes): the same file twice is one capture.
      -- Files live in DATA/panoramas/captures/ID/ (original, thumb.jpeg, tiles/LEVEL/COL_ROW.jpeg).
      CREATE TABLE panorama_captures (
        id              TEXT PRIMARY KEY,     -- pc- and the first 16 hex digits of sha256
        sha256          TEXT NOT NULL UNIQUE,
        point_id        TEXT,                 -- capture point (site file); null until assigned
        assigned_by     TEXT NOT NULL,        -- gps | filename | hand | upload | none
        source          TEXT NOT NULL,        -- inbox | upload | device:ID | demo
        original_name   TEXT NOT NULL,
        format          TEXT NOT NULL,        -- jpeg | png
        width           INTEGER NOT NULL,
        height          INTEGER NOT NULL,
        bytes           INTEGER NOT NULL,
        captured_at     INTEGER,              -- UTC epoch ms from EXIF/XMP; null unknown
        ingested_at     INTEGER NOT NULL,
        heading_deg     REAL,                 -- GPano PoseHeadingDegrees: bearing of the image centre
        pitch_deg       REAL,
        roll_deg        REAL,
        gps_lat         REAL,
        gps_lon         REAL,
        gps_alt         REAL,
        camera_make     TEXT,
        camera_model    TEXT,
        camera_height_m REAL,                 -- this capture's lens height; null: the point's
        state           TEXT NOT NULL,        -- processing | ready | failed
        error           TEXT,
        levels          TEXT NOT NULL DEFAULT '[]'  -- tile pyramid, JSON (common/panorama/tiles.ts)
      );
      CREATE INDEX panorama_captures_point ON panorama_captures (point_id, captured_at);

      CREATE TABLE panorama_measurements (
        id              INTEGER PRIMARY KEY,
        capture_id      TEXT NOT NULL REFERENCES panorama_captures(id) ON DELETE CASCADE,
        kind            TEXT NOT NULL,        -- distance | range | height | area
        label           TEXT NOT NULL DEFAULT '',
        points          TEXT NOT NULL,        -- clicked directions, JSON [{yawDeg, pitchDeg}]
        camera_height_m REAL NOT NULL,        -- height the value was computed with
        pixel_error_px  REAL NOT NULL,
        value           REAL NOT NULL,        -- m or m²
        unit            TEXT NOT NULL,
        uncertainty     REAL NOT NULL,        -- one standard deviation, same unit
        created_at      INTEGER NOT NULL,
        created_by      TEXT NOT NULL
      );
      CREATE INDEX panorama_measurements_capture ON panorama_measurements (capture_id);

      CREATE TABLE panorama_issues (
        id          INTEGER PRIMARY KEY,
        capture_id  TEXT NOT NULL REFERENCES panorama_captures(id) ON DELETE CASCADE,
        point_id    TEXT,                     -- copied from the capture so later captures show it
        yaw_deg     REAL NOT NULL,
        pitch_deg   REAL NOT NULL,
        bearing_deg REAL NOT NULL,            -- world direction (heading + yaw)
        text        TEXT NOT NULL,
        category    TEXT NOT NULL,            -- quality | safety | progress
        assignee    TEXT,
        status      TEXT NOT NULL,            -- open | in-progress | resolved | closed
        created_at  INTEGER NOT NULL,
        created_by  TEXT NOT NULL,
        updated_at  INTEGER NOT NULL
      );
      CREATE INDEX panorama_issues_point ON panorama_issues (point_id, created_at);
    `,
  },
  {
    version: 8,
    description: 'HJ 212 interval data (minute, hour and day aggregates), apart from real-time telemetry',
    sql: `
      -- CN 2051/2061/2031 records: the monitor's own statistics over a past interval. Kept apart
      -- from telemetry so a re-sent backlog never becomes "now" or feeds the real-time alarm rules.
      -- One row per pollutant per interval; a re-sent record replaces its earlier copy (UPSERT on
      -- the key), so a backlog sent twice is stored once. The key is also the read path: one
      -- device, one kind, a range of DataTimes. WITHOUT ROWID: always reached by that key.
      CREATE TABLE interval_aggregates (
        device_id TEXT NOT NULL,
        kind      TEXT NOT NULL,              -- minute | hour | day (CN 2051 | 2061 | 2031)
        data_time INTEGER NOT NULL,           -- UTC epoch ms of DataTime, read in the site's time zone
        code      TEXT NOT NULL,              -- pollutant code as sent (a34002, LA…)
        avg       REAL,                       -- null: the monitor did not send that field
        min       REAL,
        max       REAL,
        cou       REAL,
        flag      TEXT,                       -- data flag as sent (N, M, C, D, F…), upper case; null: none sent
        received  INTEGER NOT NULL,           -- UTC epoch ms the core last received this record
        PRIMARY KEY (device_id, kind, data_time, code)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 9,
    description: 'audit chain keyed (HMAC-SHA256) from a recorded seq, archived audit ranges, escalation outbox',
    sql: `
      -- The audit chain's switch-over: rows with seq >= keyed_from_seq are chained with
      -- HMAC-SHA256 under the audit key (core/alarms/audit-key.ts), older rows with plain sha256.
      -- switch_mac = HMAC(key, 'keyed-from:' || keyed_from_seq), written by the core when it first
      -- opens the store with a key, so moving the switch-over to pass rewritten rows off as
      -- legacy rows is detected.
      CREATE TABLE audit_chain (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        keyed_from_seq  INTEGER NOT NULL,
        switch_mac      TEXT
      );
      INSERT INTO audit_chain (id, keyed_from_seq) SELECT 1, COALESCE(MAX(seq), 0) + 1 FROM alarm_audit;

      -- The audit key is not in this file: it is in the vault (DATA/secrets, sealed; see secret-vault.ts).

      -- Ranges of the audit log moved to signed JSON Lines files in DATA/audit-archive. The live
      -- chain continues from the newest range's head_hash; mac = HMAC(key, canonical JSON of the
      -- other columns), so a forged range is detected. Rows are never removed from this table.
      CREATE TABLE audit_archives (
        last_seq    INTEGER PRIMARY KEY,
        first_seq   INTEGER NOT NULL,
        start_hash  TEXT NOT NULL,           -- prev_hash of the first archived row
        head_hash   TEXT NOT NULL,           -- hash of the last archived row
        rows        INTEGER NOT NULL,
        file        TEXT NOT NULL,           -- name in DATA/audit-archive
        created_at  INTEGER NOT NULL,
        mac         TEXT NOT NULL
      );
      CREATE TRIGGER audit_archives_no_update BEFORE UPDATE ON audit_archives
        BEGIN SELECT RAISE(ABORT, 'audit_archives is append-only'); END;
      CREATE TRIGGER audit_archives_no_delete BEFORE DELETE ON audit_archives
        BEGIN SELECT RAISE(ABORT, 'audit_archives is append-only'); END;

      -- Audit rows may leave the live table only once a recorded archive holds them.
      DROP TRIGGER alarm_audit_no_delete;
      CREATE TRIGGER alarm_audit_no_delete BEFORE DELETE ON alarm_audit
        WHEN OLD.seq > COALESCE((SELECT MAX(last_seq) FROM audit_archives), 0)
        BEGIN SELECT RAISE(ABORT, 'alarm_audit is append-only: rows cannot be deleted before they are archived'); END;

      -- Escalations waiting for the broker's PUBACK (MQTT 3.1.1 QoS 1), written in the same
      -- transaction as the audit row of the 'escalated' event; deleted only when acknowledged.
      CREATE TABLE escalation_outbox (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT NOT NULL UNIQUE, -- carried in the payload: receivers drop duplicates
        topic           TEXT NOT NULL,
        payload         TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error      TEXT
      );
      -- Escalations refused because the outbox was full (the oldest are kept); never reset silently.
      CREATE TABLE escalation_outbox_state (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        dropped  INTEGER NOT NULL
      );
      INSERT INTO escalation_outbox_state (id, dropped) VALUES (1, 0);
    `,
  },
  {
    version: 10,
    description: 'real-name workforce: companies, teams, workers, memberships, certificates, training, conduct, blacklist, gate passages, change log',
    sql: WORKFORCE_SCHEMA_SQL,
  },
  {
    version: 11,
    description: 'gate passages: counted, via, reason and person key, for the headcount and the repeated-swipe check',
    sql: GATE_SCHEMA_SQL,
  },
  {
    version: 12,
    description: 'closed attendance months: the ledger, its hash and rule versions, and the pay sheet as filed',
    sql: ATTENDANCE_SCHEMA_SQL,
  },
  {
    version: 13,
    description: 'training and exams: courses, materials, question banks, exam attempts, one-time worker codes, worker phone sessions',
    sql: TRAINING_SCHEMA_SQL,
  },
  {
    version: 14,
    description: 'statistics: daily rollups of alarms, crane lifts, hoist trips, dust and noise, device uptime, headcount',
    sql: STATISTICS_SCHEMA_SQL,
  },
  {
    version: 15,
    description: 'progress: building schedules, milestones, floors planned and completed',
    sql: PROGRESS_SCHEMA_SQL,
  },
  {
    version: 16,
    description: 'quality: inspections, rectification notices and their answers',
    sql: QUALITY_SCHEMA_SQL,
  },
  {
    version: 17,
    description: 'reports: made reports, their files, figures and schedule runs',
    sql: REPORTS_SCHEMA_SQL,
  },
  {
    version: 18,
    description: 'wall screens: named layouts of panels',
    sql: SCREENS_SCHEMA_SQL,
  },
  {
    version: 19,
    description: 'statistics records: hoist trips one by one, devices\' offline periods',
    sql: STATISTICS_RECORDS_SQL,
  },
  {
    version: 20,
    description: 'uplink: the store-and-forward outbox to the supervision platform and the real-name platform',
    sql: UPLINK_SCHEMA_SQL,
  },
  {
    version: 21,
    description: 'real-name platform: where each workforce record stands with the national platform',
    sql: REALNAME_PLATFORM_SCHEMA_SQL,
  },
  {
    version: 22,
    description: 'data packages: the signed packages made for the supervising authority',
    sql: DATA_PACKAGE_SCHEMA_SQL,
  },
];
