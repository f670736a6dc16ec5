import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, type LogFields, type Logger } from '../../../electron/core/log/logger.js';
import { closeDatabase, openDatabase, type Database } from '../../../electron/core/store/database.js';
import { DEFAULT_RETENTION, RetentionService } from '../../../electron/core/store/retention.js';
import { TelemetryWriter } from '../../../electron/core/store/telemetry-writer.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

afterEach(removeTempDirs);

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

/** A logger that keeps what it was told, to check the retention report. */
function captureLog() {
  const lines: { message: string; fields: LogFields }[] = [];
  const keep = (message: string, fields: LogFields = {}) => void lines.push({ message, fields });
  const log: Logger = { debug: keep, info: keep, warn: keep, error: keep, child: () => log };
  return { log, lines };
}

const count = (db: Database, sql: string) => (db.prepare(sql).get() as { n: number }).n;

describe('retention', () => {
  it('defaults: raw 30 days, rollups (and HJ 212 minute/hour data) 2 years, HJ 212 day data 10 years, 5,000 rows a batch, every 10 minutes', () => {
    expect(DEFAULT_RETENTION).toEqual({ rawDays: 30, rollupDays: 730, dayIntervalDays: 3650, batchRows: 5000, intervalMs: 600_000 });
  });

  it('deletes only rows past retention, in batches that let the event loop run, and logs what it deleted', async () => {
    const db = openDatabase(tempDir());
    const writer = new TelemetryWriter(db, createLogger({ consoleLevel: 'error', consoleWrite: () => undefined }), { batchSize: 100_000 });
    // Two dust monitors, one reading every 10 minutes from 40 days ago to now: 10 old days each.
    for (const deviceId of ['dust-1', 'dust-2']) {
      for (let ts = NOW - 40 * DAY; ts <= NOW; ts += 10 * 60_000) writer.enqueue({ deviceId, kind: 'dust', ts, values: { pm10: 50, rh: 60 } });
    }
    writer.close();
    // And rollups 3 years old and 1 year old (e.g. from before raw retention existed).
    const upsert = db.prepare('INSERT INTO telemetry_minute VALUES (?, ?, ?, 1, 1, 1, 1)');
    for (let i = 0; i < 250; i++) {
      upsert.run('crane-1', 'loadT', NOW - 3 * 365 * DAY + i * 60_000);
      upsert.run('crane-1', 'loadT', NOW - 365 * DAY + i * 60_000);
    }
    const rawBefore = count(db, 'SELECT COUNT(*) n FROM telemetry');
    const oldRaw = count(db, `SELECT COUNT(*) n FROM telemetry WHERE ts < ${NOW - 30 * DAY}`);
    const oldRollups = count(db, `SELECT COUNT(*) n FROM telemetry_minute WHERE minute < ${NOW - 730 * DAY}`);
    expect(oldRaw).toBe(2 * 10 * 144);
    expect(oldRollups).toBe(250);

    const { log, lines } = captureLog();
    const retention = new RetentionService(db, log, { batchRows: 100 });
    // Counts event-loop turns during the sweep: each batch boundary must give one.
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const sweep = await retention.sweep(NOW);
    spinning = false;

    expect(sweep.rawDeleted).toBe(oldRaw);
    expect(sweep.rollupsDeleted).toBe(oldRollups);
    // ≤ 100 rows per batch: 1,440 old rows per device need 15 batches each; rollups likewise per series.
    expect(sweep.batches).toBeGreaterThanOrEqual(Math.ceil(oldRaw / 100) + Math.ceil(oldRollups / 100));
    expect(turns).toBeGreaterThanOrEqual(2 * 14 + 2);
    expect(count(db, 'SELECT COUNT(*) n FROM telemetry')).toBe(rawBefore - oldRaw);
    expect(count(db, `SELECT MIN(ts) n FROM telemetry`)).toBeGreaterThanOrEqual(NOW - 30 * DAY);
    expect(count(db, `SELECT COUNT(*) n FROM telemetry_minute WHERE metric = 'loadT'`)).toBe(250);
    // Rollups of the deleted raw days stay: charts of last month still draw.
    expect(count(db, `SELECT COUNT(*) n FROM telemetry_minute WHERE device_id = 'dust-1' AND minute < ${NOW - 30 * DAY}`)).toBe(2 * 1440);
    const line = lines.find((l) => l.message === 'retention: deleted old telemetry');
    expect(line?.fields).toMatchObject({ rawDeleted: oldRaw, rollupsDeleted: oldRollups, rawDays: 30, rollupDays: 730 });

    // A second sweep finds nothing and says nothing.
    const again = await retention.sweep(NOW);
    expect(again).toMatchObject({ rawDeleted: 0, rollupsDeleted: 0, intervalsDeleted: 0, batches: 0 });
    expect(lines.filter((l) => l.message === 'retention: deleted old telemetry')).toHaveLength(1);
    closeDatabase(db);
  });

  it('runs once at start and stops between batches when the core stops', async () => {
    const db = openDatabase(tempDir());
    const insert = db.prepare('INSERT INTO telemetry (device_id, kind, ts, received, payload) VALUES (?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 1000; i++) insert.run('dust-1', 'dust', i, i, '{"pm10":1}');
    })();
    const { log, lines } = captureLog();
    const retention = new RetentionService(db, log, { batchRows: 10, intervalMs: 3600_000 });
    await retention.start();
    await new Promise((r) => setImmediate(r));
    await retention.stop();
    const left = count(db, 'SELECT COUNT(*) n FROM telemetry');
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(1000);
    expect(lines.some((l) => l.message === 'retention: deleted old telemetry')).toBe(true);
    closeDatabase(db);
  });
});
