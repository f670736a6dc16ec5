import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_KINDS } from '../../../electron/common/device-kinds.js';
import type { TelemetryRecord } from '../../../electron/common/telemetry.js';
import { READING_SCHEMAS } from '../../../electron/core/devices/reading-schemas.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { closeDatabase, migrate, openDatabase, type Database } from '../../../electron/core/store/database.js';
import { METRIC_FIELDS, resolveMetric } from '../../../electron/core/store/metrics.js';
import { MIGRATIONS } from '../../../electron/core/store/migrations.js';
import { aggregateByMinute, minuteOf } from '../../../electron/core/store/rollups.js';
import { TelemetryWriter } from '../../../electron/core/store/telemetry-writer.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });
afterEach(removeTempDirs);

const T0 = Date.UTC(2026, 10, 24, 8, 0, 0); // a minute boundary
const dust = (ts: number, values: Record<string, number>): TelemetryRecord => ({ deviceId: 'dust-1', kind: 'dust', ts, values });

interface RollupRow {
  device_id: string;
  metric: string;
  minute: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}
const rollups = (db: Database) => db.prepare<[], RollupRow>('SELECT * FROM telemetry_minute ORDER BY device_id, metric, minute').all();

describe('metrics', () => {
  it('are exactly the numeric fields of each kind’s reading schema', () => {
    for (const kind of DEVICE_KINDS) {
      const shape = (READING_SCHEMAS[kind] as unknown as { shape: Record<string, { def: { type: string; innerType?: { def: { type: string } } } }> }).shape;
      const numeric = Object.entries(shape)
        .filter(([, t]) => (t.def.type === 'optional' ? t.def.innerType!.def.type : t.def.type) === 'number')
        .map(([k]) => k);
      expect([...METRIC_FIELDS[kind]].sort(), kind).toEqual(numeric.sort());
    }
  });

  it('resolves names per kind, with the point for ranging stations', () => {
    expect(resolveMetric('crane', 'loadT')).toEqual({ field: 'loadT' });
    expect(resolveMetric('crane', 'pm10')).toBeNull();
    expect(resolveMetric('hoist', 'doorOpen')).toBeNull();
    expect(resolveMetric('ranging', 'distanceM:P1')).toEqual({ field: 'distanceM', pointId: 'P1' });
    expect(resolveMetric('ranging', 'distanceM')).toBeNull();
    expect(resolveMetric('gate', 'direction')).toBeNull();
  });
});

describe('1-minute rollups', () => {
  it('fold a batch into per-minute min/max/sum/count (hand-computed)', () => {
    const groups = aggregateByMinute([
      dust(T0 - 1, { pm10: 50 }), // 07:59:59.999 — previous minute
      dust(T0, { pm10: 10, pm25: 4 }),
      dust(T0 + 30_000, { pm10: 30 }),
      dust(T0 + 59_999, { pm10: 20, pm25: 8 }),
      dust(T0 + 60_000, { pm10: 99 }), // next minute
    ]);
    const byKey = Object.fromEntries(groups.map((g) => [`${g.metric}@${(g.minute - T0) / 60_000}`, g]));
    expect(Object.keys(byKey).sort()).toEqual(['pm10@-1', 'pm10@0', 'pm10@1', 'pm25@0']);
    expect(byKey['pm10@0']).toMatchObject({ count: 3, sum: 60, min: 10, max: 30, minute: T0 });
    expect(byKey['pm25@0']).toMatchObject({ count: 2, sum: 12, min: 4, max: 8 });
    expect(byKey['pm10@-1']).toMatchObject({ count: 1, sum: 50, min: 50, max: 50, minute: T0 - 60_000 });
    expect(minuteOf(T0 + 59_999)).toBe(T0);
  });

  it('are written in the raw insert’s transaction and merge across batches (UPSERT)', () => {
    const db = openDatabase(tempDir());
    const writer = new TelemetryWriter(db, quiet, { batchSize: 1_000_000 });
    // Batch 1: 08:00:10, 08:00:50, 08:01:05.  Batch 2: 08:00:55 (late, same minute), 08:01:40.
    writer.enqueue(dust(T0 + 10_000, { pm10: 40, tempC: -2.5 }));
    writer.enqueue(dust(T0 + 50_000, { pm10: 60 }));
    writer.enqueue(dust(T0 + 65_000, { pm10: 5 }));
    writer.flush();
    writer.enqueue(dust(T0 + 55_000, { pm10: 80, tempC: -3.5 }));
    writer.enqueue(dust(T0 + 100_000, { pm10: 7 }));
    writer.enqueue({ deviceId: 'rs-1', kind: 'ranging', ts: T0, values: { pointId: 'P1', distanceM: 12.5 } });
    writer.enqueue({ deviceId: 'rs-1', kind: 'ranging', ts: T0 + 1, values: { pointId: 'P2', distanceM: 40 } });
    writer.enqueue({
      deviceId: 'hoist-1',
      kind: 'hoist',
      ts: T0,
      values: { loadKg: 500, ratedLoadKg: 2000, people: 3, ratedPeople: 9, floor: 4, heightM: 12, speedMs: 0, doorOpen: true, tiltDeg: 0, driverId: 'D1' },
    });
    writer.close();

    const rows = rollups(db).map((r) => ({ ...r, minute: (r.minute - T0) / 60_000 }));
    const dustRows = rows.filter((r) => r.device_id === 'dust-1');
    expect(dustRows).toEqual([
      { device_id: 'dust-1', metric: 'pm10', minute: 0, count: 3, sum: 180, min: 40, max: 80 },
      { device_id: 'dust-1', metric: 'pm10', minute: 1, count: 2, sum: 12, min: 5, max: 7 },
      { device_id: 'dust-1', metric: 'tempC', minute: 0, count: 2, sum: -6, min: -3.5, max: -2.5 },
    ]);
    expect(rows.filter((r) => r.device_id === 'rs-1').map((r) => [r.metric, r.sum])).toEqual([
      ['distanceM:P1', 12.5],
      ['distanceM:P2', 40],
    ]);
    // Numbers only: the door flag and the driver id are not metrics.
    expect(rows.filter((r) => r.device_id === 'hoist-1').map((r) => r.metric)).toEqual([...METRIC_FIELDS.hoist].sort());
    // Every reading of a complete minute is counted once.
    const raw = db.prepare('SELECT COUNT(*) n FROM telemetry WHERE device_id = ?').get('dust-1') as { n: number };
    expect(dustRows.filter((r) => r.metric === 'pm10').reduce((n, r) => n + r.count, 0)).toBe(raw.n);
    closeDatabase(db);
  });

  it('a failed batch leaves neither raw rows nor rollups', () => {
    const db = openDatabase(tempDir());
    const writer = new TelemetryWriter(db, quiet, { batchSize: 1_000_000 });
    // A trigger that fails the rollup upsert must roll the raw insert back with it.
    db.exec(`CREATE TRIGGER boom BEFORE INSERT ON telemetry_minute WHEN NEW.metric = 'pm25' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    writer.enqueue(dust(T0, { pm10: 1 }));
    writer.enqueue(dust(T0 + 1, { pm25: 1 }));
    writer.flush();
    expect(writer.getStats()).toMatchObject({ written: 0, failedBatches: 1, queued: 2 });
    expect((db.prepare('SELECT COUNT(*) n FROM telemetry').get() as { n: number }).n).toBe(0);
    expect(rollups(db)).toEqual([]);
    db.exec('DROP TRIGGER boom');
    writer.close();
    expect((db.prepare('SELECT COUNT(*) n FROM telemetry').get() as { n: number }).n).toBe(2);
    expect(rollups(db)).toHaveLength(2);
    closeDatabase(db);
  });

  it('migration 3 builds rollups for readings stored before it', () => {
    const db = openDatabase(tempDir(), MIGRATIONS.filter((m) => m.version < 3));
    const insert = db.prepare('INSERT INTO telemetry (device_id, kind, ts, received, payload) VALUES (?, ?, ?, ?, ?)');
    insert.run('dust-1', 'dust', T0 + 1000, T0, JSON.stringify({ pm10: 10, pm25: 3 }));
    insert.run('dust-1', 'dust', T0 + 2000, T0, JSON.stringify({ pm10: 20 }));
    insert.run('dust-1', 'dust', T0 + 61_000, T0, JSON.stringify({ pm10: 5 }));
    insert.run('rs-1', 'ranging', T0, T0, JSON.stringify({ pointId: 'P1', distanceM: 3 }));
    insert.run('gate-1', 'gate', T0, T0, JSON.stringify({ workerId: 'W1', direction: 'in', gateId: 'G' }));
    migrate(db, MIGRATIONS);
    expect(rollups(db).map((r) => [r.device_id, r.metric, (r.minute - T0) / 60_000, r.count, r.sum, r.min, r.max])).toEqual([
      ['dust-1', 'pm10', 0, 2, 30, 10, 20],
      ['dust-1', 'pm10', 1, 1, 5, 5, 5],
      ['dust-1', 'pm25', 0, 1, 3, 3, 3],
      ['rs-1', 'distanceM:P1', 0, 1, 3, 3, 3],
    ]);
    closeDatabase(db);
  });
});
