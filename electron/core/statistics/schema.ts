/**
 * Migration 14 (statistics): read models folded incrementally from what the core already stores
 * (alarm audit rows by seq, live crane/hoist telemetry as it is ingested, 1-minute rollups and
 * HJ 212 hourly means by the hour, gate passages and panorama captures by row id), so a
 * dashboard query reads a few hundred rows of these tables and never rescans raw telemetry.
 * Days are the site's days (`YYYY-MM-DD` in the site's time zone, e.g. Asia/Shanghai).
 */
export const STATISTICS_SCHEMA_SQL = `
  -- One counter per (metric, dimension, site day): count, sum, min, max, so days merge exactly
  -- into weeks and months on query. dim: 'site', 'device:ID', 'operator:ID', 'priority:P',
  -- 'quantity:Q', 'team:ID', 'company:ID'. WITHOUT ROWID: always reached by the key.
  CREATE TABLE stat_daily (
    metric TEXT NOT NULL,
    dim    TEXT NOT NULL,
    day    TEXT NOT NULL,
    count  INTEGER NOT NULL,
    sum    REAL NOT NULL,
    min    REAL,
    max    REAL,
    PRIMARY KEY (metric, dim, day)
  ) WITHOUT ROWID;

  -- One row per alarm occurrence, from its audit events: the records behind the alarm figures.
  CREATE TABLE stat_alarms (
    alarm_id      TEXT PRIMARY KEY,
    day           TEXT NOT NULL,            -- site day it was raised
    condition_key TEXT NOT NULL,
    source_device TEXT NOT NULL,
    quantity      TEXT NOT NULL,            -- moment, load, collision, pm10-1h-warning, offline…
    category      TEXT NOT NULL,            -- overload | collision | dust | other
    priority      TEXT NOT NULL,
    operator_id   TEXT,                     -- crane operator driving when it was raised
    raised_at     INTEGER NOT NULL,
    acked_at      INTEGER,
    acked_by      TEXT,
    cleared_at    INTEGER,
    value         REAL,
    limit_value   REAL,
    message       TEXT
  );
  CREATE INDEX stat_alarms_day ON stat_alarms (day, category, source_device);

  -- One row per crane lift (work cycle): load rose above the start threshold and fell back below the end one.
  CREATE TABLE stat_lifts (
    id              INTEGER PRIMARY KEY,
    device_id       TEXT NOT NULL,
    operator_id     TEXT,
    day             TEXT NOT NULL,
    started_at      INTEGER NOT NULL,
    ended_at        INTEGER NOT NULL,
    peak_load_t     REAL NOT NULL,
    peak_moment_pct REAL NOT NULL
  );
  CREATE INDEX stat_lifts_day ON stat_lifts (day, device_id);
  CREATE INDEX stat_lifts_device_at ON stat_lifts (device_id, started_at);

  -- Hourly means of a dust monitor's pollutants, judged against the site's preset: the records
  -- behind the environment figures. source: hj212-hour (the monitor's own CN 2061 mean) or minutes.
  CREATE TABLE stat_env_hours (
    device_id TEXT NOT NULL,
    pollutant TEXT NOT NULL,                -- pm10 | pm25 | tsp | noise
    hour      INTEGER NOT NULL,             -- UTC epoch ms of the hour's start
    day       TEXT NOT NULL,
    mean      REAL NOT NULL,
    minutes   INTEGER NOT NULL,
    source    TEXT NOT NULL,
    limit_value REAL,
    over      INTEGER NOT NULL,
    PRIMARY KEY (device_id, pollutant, hour)
  ) WITHOUT ROWID;
  CREATE INDEX stat_env_hours_day ON stat_env_hours (day, over);

  -- Workers present per site day (first counted entry), for headcount and attendance by team.
  CREATE TABLE stat_presence (
    day        TEXT NOT NULL,
    worker_id  INTEGER NOT NULL,
    team_id    INTEGER,
    company_id INTEGER,
    first_in   INTEGER NOT NULL,
    PRIMARY KEY (day, worker_id)
  ) WITHOUT ROWID;

  -- How far each fold has read its source (alarm_audit seq, wf_passages id, panorama rowid, env hours).
  CREATE TABLE stat_watermarks (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );
`;

/**
 * Migration 19 (statistics records): the rows behind the hoist and uptime bars, stored one by one
 * as the live fold detects them (migration 14 kept only their daily counts).
 */
export const STATISTICS_RECORDS_SQL = `
  -- One row per hoist trip (施工升降机 run): the cage moved and stopped again having travelled.
  CREATE TABLE stat_hoist_trips (
    id          INTEGER PRIMARY KEY,
    device_id   TEXT NOT NULL,
    driver_id   TEXT,
    day         TEXT NOT NULL,            -- site day it started
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER NOT NULL,
    from_floor  INTEGER,
    to_floor    INTEGER,
    people      INTEGER NOT NULL,         -- most on board during the trip
    travel_m    REAL NOT NULL
  );
  CREATE INDEX stat_hoist_trips_day ON stat_hoist_trips (day, device_id);

  -- One row per offline period of a device: no reading for longer than the uptime gap, written
  -- when it reports again (a device still silent has no row yet).
  CREATE TABLE stat_offline (
    id          INTEGER PRIMARY KEY,
    device_id   TEXT NOT NULL,
    started_at  INTEGER NOT NULL,         -- its last reading before the gap
    ended_at    INTEGER NOT NULL          -- its first reading after it
  );
  CREATE INDEX stat_offline_device_at ON stat_offline (device_id, started_at);
`;
