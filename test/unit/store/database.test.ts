import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/core/log/logger.js';
import { closeDatabase, DataDirectoryError, migrate, openDatabase, prepareDataDirectory } from '../../../electron/core/store/database.js';
import { MIGRATIONS } from '../../../electron/core/store/migrations.js';
import { TelemetryQuery } from '../../../electron/core/store/telemetry-query.js';
import { TelemetryWriter } from '../../../electron/core/store/telemetry-writer.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

const LATEST = Math.max(...MIGRATIONS.map((m) => m.version));
const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });
afterEach(removeTempDirs);

describe('database', () => {
  it('opens in WAL mode at the latest schema version', () => {
    const db = openDatabase(tempDir());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    closeDatabase(db);
  });

  it('applies only new migrations, in order, and refuses a newer database', () => {
    const db = openDatabase(tempDir());
    const extra = [...MIGRATIONS, { version: LATEST + 1, description: 'y', sql: 'CREATE TABLE extra (a INTEGER)' }];
    expect(migrate(db, extra)).toBe(LATEST + 1);
    expect(() => db.prepare('SELECT * FROM extra').all()).not.toThrow();
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer than this Site Command knows/);
    closeDatabase(db);
  });

  it('a failing migration leaves the previous version intact', () => {
    const db = openDatabase(tempDir());
    expect(() => migrate(db, [{ version: LATEST + 1, description: 'bad', sql: 'CREATE TABLE ok (a); THIS IS NOT SQL' }])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(() => db.prepare('SELECT * FROM ok').all()).toThrow(/no such table/);
    closeDatabase(db);
  });

  it('gives a clear error for a data directory that is a file', () => {
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    expect(() => prepareDataDirectory(file)).toThrow(DataDirectoryError);
    expect(() => prepareDataDirectory(join(file, 'sub'))).toThrow(/a part of the path is a file/);
  });

  it('checkpoints the WAL on a clean close', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const writer = new TelemetryWriter(db, quiet);
    for (let i = 0; i < 100; i++) writer.enqueue({ deviceId: 'd', kind: 'ranging', ts: i, values: { pointId: 'p', distanceM: i } });
    writer.close();
    closeDatabase(db);
    const reopened = openDatabase(dir);
    expect((reopened.prepare('SELECT COUNT(*) n FROM telemetry').get() as { n: number }).n).toBe(100);
    closeDatabase(reopened);
  });
});

describe('telemetry writer', () => {
  it('writes in batches and reads back a time window oldest first', () => {
    const db = openDatabase(tempDir());
    const writer = new TelemetryWriter(db, quiet, { batchSize: 50, flushIntervalMs: 10_000 });
    for (let i = 0; i < 120; i++) writer.enqueue({ deviceId: 'r1', kind: 'ranging', ts: 1000 + i, values: { pointId: 'p', distanceM: i } });
    // Two full batches of 50 were written by size; 20 wait for the timer.
    expect(writer.getStats()).toMatchObject({ written: 100, queued: 20 });
    writer.flush();
    const rows = new TelemetryQuery(db).between('r1', 1010, 1019, 100);
    expect(rows.map((r) => r.ts)).toEqual([1010, 1011, 1012, 1013, 1014, 1015, 1016, 1017, 1018, 1019]);
    expect(rows[0]?.values).toEqual({ pointId: 'p', distanceM: 10 });
    // limit keeps the newest
    expect(new TelemetryQuery(db).between('r1', 0, 5000, 3).map((r) => r.ts)).toEqual([1117, 1118, 1119]);
    writer.close();
    closeDatabase(db);
  });

  it('bounds its queue and counts what it drops when the database cannot take writes', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const writer = new TelemetryWriter(db, quiet, { batchSize: 10, maxQueued: 25, flushIntervalMs: 10_000 });
    // Another connection holds the write lock: every flush fails with SQLITE_BUSY.
    const other = openDatabase(dir);
    other.pragma('busy_timeout = 0');
    db.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < 40; i++) writer.enqueue({ deviceId: 'r1', kind: 'ranging', ts: i, values: { pointId: 'p', distanceM: i } });
    const stats = writer.getStats();
    expect(stats.written).toBe(0);
    expect(stats.queued).toBeLessThanOrEqual(25);
    expect(stats.dropped).toBe(40 - stats.queued);
    expect(stats.failedBatches).toBeGreaterThan(0);
    other.exec('COMMIT');
    writer.flush();
    expect(writer.getStats()).toMatchObject({ written: stats.queued, queued: 0 });
    writer.close();
    closeDatabase(other);
    closeDatabase(db);
  });
});
