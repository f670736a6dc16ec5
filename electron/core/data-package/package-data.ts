/**
 * What a package carries for a period, one JSON file per kind of record, read from the site's
 * store in chunks of one site day (or one page of audit rows) so a month of a busy site never
 * holds the event loop for long: the caller yields between chunks.
 */
import { addDays } from '../../common/reports.js';
import { AUDIT_COLUMNS, rowFromDb, type DbRow } from '../alarms/audit-chain.js';
import { dayBounds } from '../reports/report-period.js';
import type { Database } from '../store/database.js';

export interface PackagePeriod {
  from: string;
  to: string;
  timeZone: string;
  startMs: number;
  endMs: number;
}

/** One data file: its path, the step's name for progress, and its rows chunk by chunk. */
export interface DataFileSpec {
  path: string;
  step: string;
  chunks(db: Database, p: PackagePeriod, at: PackageSnapshot): Iterable<unknown[]>;
}

/**
 * What the package fixes when it starts: the audit rows of the period and the chain's head.
 * Alarms go on being written while a package is made; rows after this point belong to the next one.
 */
export interface PackageSnapshot {
  auditRange: { first: number; last: number } | null;
  auditHead: { seq: number; hash: string } | null;
}

export function takeSnapshot(db: Database, p: PackagePeriod): PackageSnapshot {
  return db.transaction(() => ({
    auditRange: auditSeqRange(db, p),
    auditHead: db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM alarm_audit ORDER BY seq DESC LIMIT 1').get() ?? null,
  }))();
}

function* days(p: PackagePeriod): Iterable<string> {
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) yield d;
}

function* perDay(p: PackagePeriod, read: (day: string, startMs: number, endMs: number) => unknown[]): Iterable<unknown[]> {
  for (const day of days(p)) {
    const { startMs, endMs } = dayBounds(day, p.timeZone);
    yield read(day, startMs, endMs);
  }
}

const AUDIT_PAGE = 1_000;

/**
 * Every (device, metric) series of the one-minute rollups, by a loose index scan of the primary
 * key (one short seek per series): a range of minutes is then read per series on the key, never a
 * scan of a month of rollups per day (the key leads with the device, not the minute).
 */
export function telemetrySeries(db: Database): Array<[string, string]> {
  const nextDevice = db.prepare<[string], { d: string | null }>('SELECT min(device_id) AS d FROM telemetry_minute WHERE device_id > ?');
  const nextMetric = db.prepare<[string, string], { m: string | null }>('SELECT min(metric) AS m FROM telemetry_minute WHERE device_id = ? AND metric > ?');
  const out: Array<[string, string]> = [];
  for (let d = nextDevice.get('')?.d ?? null; d !== null; d = nextDevice.get(d)?.d ?? null) {
    for (let m = nextMetric.get(d, '')?.m ?? null; m !== null; m = nextMetric.get(d, m)?.m ?? null) out.push([d, m]);
  }
  return out;
}

/** The alarm audit rows of the period: every seq from the first to the last event in it, so the run has no gap. */
export function auditSeqRange(db: Database, p: PackagePeriod): { first: number; last: number } | null {
  const r = db.prepare<[number, number], { first: number | null; last: number | null }>('SELECT min(seq) AS first, max(seq) AS last FROM alarm_audit WHERE at >= ? AND at < ?').get(p.startMs, p.endMs);
  return r?.first != null && r.last != null ? { first: r.first, last: r.last } : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export const DATA_FILES: DataFileSpec[] = [
  {
    path: 'data/alarms.json',
    step: 'alarms',
    chunks: (db, p) => perDay(p, (day) => db.prepare('SELECT * FROM stat_alarms WHERE day = ? ORDER BY raised_at, alarm_id').all(day)),
  },
  {
    path: 'data/alarm-audit.json',
    step: 'alarm audit rows',
    *chunks(db, _p, at) {
      const range = at.auditRange;
      if (!range) return;
      const page = db.prepare<[number, number, number], DbRow>(`SELECT ${AUDIT_COLUMNS} FROM alarm_audit WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?`);
      for (let next = range.first; next <= range.last; ) {
        const rows = page.all(next, range.last, AUDIT_PAGE);
        if (rows.length === 0) break;
        next = rows[rows.length - 1]!.seq + 1;
        yield rows.map(rowFromDb);
      }
    },
  },
  {
    path: 'data/day-statistics.json',
    step: 'day statistics',
    chunks: (db, p) => perDay(p, (day) => db.prepare('SELECT * FROM stat_daily WHERE day = ? ORDER BY metric, dim').all(day)),
  },
  {
    path: 'data/rectification-notices.json',
    step: 'rectification notices',
    *chunks(db, p) {
      const notices = db
        .prepare<[number, number, number, number], Record<string, unknown>>(
          `SELECT * FROM q_notices WHERE (raised_at >= ? AND raised_at < ?) OR id IN (SELECT notice_id FROM q_notice_log WHERE at >= ? AND at < ?) ORDER BY id`,
        )
        .all(p.startMs, p.endMs, p.startMs, p.endMs);
      const log = db.prepare<[number], Record<string, unknown>>('SELECT * FROM q_notice_log WHERE notice_id = ? ORDER BY seq');
      yield notices.map((n) => ({ ...n, source: parseJson(String(n.source)), photos: parseJson(String(n.photos)), log: log.all(Number(n.id)).map((l) => ({ ...l, photos: parseJson(String(l.photos)) })) }));
    },
  },
  {
    path: 'data/attendance-days.json',
    step: 'attendance',
    chunks: (db, p) => perDay(p, (day) => db.prepare('SELECT * FROM stat_presence WHERE day = ? ORDER BY worker_id').all(day)),
  },
  {
    path: 'data/gate-passages.json',
    step: 'gate passages',
    chunks: (db, p) =>
      perDay(p, (_d, s, e) => db.prepare('SELECT id, gate_id, worker_id, credential_kind, direction, at, received, outcome FROM wf_passages WHERE at >= ? AND at < ? ORDER BY at, id').all(s, e)),
  },
  {
    path: 'data/telemetry-hours.json',
    step: 'telemetry hour means',
    *chunks(db, p) {
      const pairs = telemetrySeries(db);
      const hours = db.prepare<[string, string, number, number], Record<string, unknown>>(
        `SELECT device_id, metric, (minute / 3600000) * 3600000 AS hour, sum(count) AS count, sum(sum) / sum(count) AS mean, min(min) AS min, max(max) AS max
           FROM telemetry_minute WHERE device_id = ? AND metric = ? AND minute >= ? AND minute < ? GROUP BY hour ORDER BY hour`,
      );
      yield* perDay(p, (_d, s, e) => pairs.flatMap(([device, metric]) => hours.all(device, metric, s, e)));
    },
  },
  {
    path: 'data/telemetry-days.json',
    step: 'telemetry day means',
    *chunks(db, p) {
      const pairs = telemetrySeries(db);
      const days = db.prepare<[string, string, string, number, number], Record<string, unknown>>(
        `SELECT ? AS day, device_id, metric, sum(count) AS count, sum(sum) / sum(count) AS mean, min(min) AS min, max(max) AS max
           FROM telemetry_minute WHERE device_id = ? AND metric = ? AND minute >= ? AND minute < ? GROUP BY device_id, metric`,
      );
      yield* perDay(p, (day, s, e) => pairs.flatMap(([device, metric]) => days.all(day, device, metric, s, e)));
    },
  },
  {
    path: 'data/environment-hours.json',
    step: 'environment hour means',
    chunks: (db, p) => perDay(p, (day) => db.prepare('SELECT * FROM stat_env_hours WHERE day = ? ORDER BY device_id, pollutant, hour').all(day)),
  },
  {
    path: 'data/evidence-clips.json',
    step: 'evidence clips',
    chunks: (db, p) => perDay(p, (_d, s, e) => db.prepare('SELECT * FROM alarm_clips WHERE started_at >= ? AND started_at < ? ORDER BY started_at, file').all(s, e)),
  },
  {
    path: 'data/panoramas.json',
    step: 'panoramas',
    chunks: (db, p) =>
      perDay(p, (_d, s, e) =>
        db
          .prepare(
            `SELECT id, sha256, point_id, source, original_name, format, width, height, bytes, captured_at, ingested_at, heading_deg, pitch_deg, gps_lat, gps_lon, state
               FROM panorama_captures WHERE coalesce(captured_at, ingested_at) >= ? AND coalesce(captured_at, ingested_at) < ? ORDER BY coalesce(captured_at, ingested_at), id`,
          )
          .all(s, e),
      ),
  },
];
