import { afterEach, describe, expect, it } from 'vitest';
import type { IntervalRecord } from '../../../electron/common/intervals.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { closeDatabase, openDatabase, type Database } from '../../../electron/core/store/database.js';
import { IntervalQuery } from '../../../electron/core/store/interval-query.js';
import { IntervalWriter } from '../../../electron/core/store/interval-writer.js';
import { MIGRATIONS } from '../../../electron/core/store/migrations.js';
import { RetentionService } from '../../../electron/core/store/retention.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

afterEach(removeTempDirs);

const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2024, 2, 15, 6);
const count = (db: Database, sql: string) => (db.prepare(sql).get() as { n: number }).n;

function hour(dataTime: number, pm10: number, flag: string | null = 'N'): IntervalRecord {
  return {
    deviceId: 'dust-1',
    kind: 'hour',
    dataTime,
    values: [
      { code: 'a34002', avg: pm10, min: pm10 - 20, max: pm10 + 40, cou: null, flag },
      { code: 'LA', avg: 61.5, min: null, max: null, cou: null, flag: null },
    ],
  };
}

describe('interval_aggregates (migration 8)', () => {
  it('is migration 8, and a new database is at the latest version', () => {
    expect(MIGRATIONS.some((m) => m.version === 8)).toBe(true);
    const latest = Math.max(...MIGRATIONS.map((m) => m.version));
    const db = openDatabase(tempDir());
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'interval_aggregates'").get()).toEqual({ n: 1 });
    closeDatabase(db);
  });

  it('stores a re-sent record once, holding what was sent last, and reads it back grouped by DataTime', () => {
    const db = openDatabase(tempDir());
    const writer = new IntervalWriter(db, quiet, { flushIntervalMs: 60_000 });
    writer.enqueue(hour(T0, 88.25));
    writer.enqueue(hour(T0 + HOUR, 95));
    writer.enqueue({ ...hour(T0, 0), kind: 'minute' });
    writer.flush();
    // The backlog again after a reconnect, one hour re-validated as maintenance; twice in one batch too.
    writer.enqueue(hour(T0, 88.25));
    writer.enqueue(hour(T0 + HOUR, 95, 'M'));
    writer.enqueue(hour(T0 + HOUR, 96, 'M'));
    writer.close();
    expect(count(db, 'SELECT COUNT(*) n FROM interval_aggregates')).toBe(6);
    expect(writer.getStats()).toMatchObject({ written: 6, dropped: 0, queued: 0 });

    const series = new IntervalQuery(db).between('dust-1', 'hour', T0, T0 + HOUR);
    expect(series).toMatchObject({ deviceId: 'dust-1', kind: 'hour', from: T0, to: T0 + HOUR });
    expect(series.records.map((r) => [r.dataTime, r.values.map((v) => [v.code, v.avg, v.flag])])).toEqual([
      [T0, [['LA', 61.5, null], ['a34002', 88.25, 'N']]],
      [T0 + HOUR, [['LA', 61.5, null], ['a34002', 96, 'M']]],
    ]);
    expect(series.records[0]!.values[1]).toEqual({ code: 'a34002', avg: 88.25, min: 68.25, max: 128.25, cou: null, flag: 'N' });
    expect(series.records[0]!.receivedAt).toBeGreaterThan(0);
    // Inclusive bounds; other kinds and devices stay out.
    expect(new IntervalQuery(db).between('dust-1', 'hour', T0 + 1, T0 + HOUR - 1).records).toEqual([]);
    expect(new IntervalQuery(db).between('dust-1', 'minute', 0, T0 * 2).records.map((r) => r.dataTime)).toEqual([T0]);
    expect(new IntervalQuery(db).between('dust-2', 'hour', 0, T0 * 2).records).toEqual([]);
    closeDatabase(db);
  });

  it('bounds its queue: past maxQueued waiting records, new ones are dropped and counted', () => {
    const db = openDatabase(tempDir());
    const writer = new IntervalWriter(db, quiet, { batchSize: 1000, maxQueued: 3, flushIntervalMs: 60_000 });
    const accepted = [0, 1, 2, 3, 4].map((i) => writer.enqueue(hour(T0 + i * HOUR, 50)));
    expect(accepted).toEqual([true, true, true, false, false]);
    expect(writer.getStats()).toMatchObject({ dropped: 2, queued: 3 });
    writer.close();
    closeDatabase(db);
  });

  it('retention keeps minute and hour data as long as the minute rollups, day data ten years', async () => {
    const db = openDatabase(tempDir());
    const writer = new IntervalWriter(db, quiet, { flushIntervalMs: 60_000 });
    const now = Date.UTC(2026, 10, 24, 12);
    for (const kind of ['minute', 'hour', 'day'] as const) {
      for (const ageDays of [1, 700, 800, 3000, 4000]) writer.enqueue({ ...hour(now - ageDays * DAY, 50), kind });
    }
    writer.close();
    const sweep = await new RetentionService(db, quiet, { batchRows: 3 }).sweep(now);
    const left = (kind: string) =>
      db
        .prepare<[string], { age: number }>(`SELECT DISTINCT (${now} - data_time) / ${DAY} age FROM interval_aggregates WHERE kind = ? ORDER BY 1`)
        .all(kind)
        .map((r) => r.age);
    expect(left('minute')).toEqual([1, 700]);
    expect(left('hour')).toEqual([1, 700]);
    expect(left('day')).toEqual([1, 700, 800, 3000]);
    // Two codes per record: 3 + 3 + 1 old records.
    expect(sweep.intervalsDeleted).toBe(2 * 7);
    closeDatabase(db);
  });
});
