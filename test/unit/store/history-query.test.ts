import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type HistorySeries } from '../../../electron/common/api.js';
import type { TelemetryRecord } from '../../../electron/common/telemetry.js';
import { createApiHandlers } from '../../../electron/core/api/handlers.js';
import type { DeviceConfig } from '../../../electron/core/config/site-schema.js';
import { DeviceStates } from '../../../electron/core/devices/device-states.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { closeDatabase, openDatabase, type Database } from '../../../electron/core/store/database.js';
import { bucketWidth, HistoryQuery, RAW_WINDOW_MAX_MS } from '../../../electron/core/store/history-query.js';
import { TelemetryWriter } from '../../../electron/core/store/telemetry-writer.js';
import { attachedDeviceRegistry } from '../../helpers/device-registry.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });
afterEach(removeTempDirs);

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const START = NOW - 7 * DAY;

/** A PM10 value that is not smooth, so a wrong bucket shows in min/max. */
const pm10At = (i: number) => 20 + ((i * 7919) % 173) + (i % 2) * 0.25;

/** 7 days of one dust monitor every 30 s (20,160 readings), written by the real writer. */
function sevenDays(db: Database): { ts: number; v: number }[] {
  const writer = new TelemetryWriter(db, quiet, { batchSize: 1000 });
  const readings: { ts: number; v: number }[] = [];
  for (let i = 0, ts = START; ts < NOW; i++, ts += 30_000) {
    const record: TelemetryRecord = { deviceId: 'dust-1', kind: 'dust', ts, values: { pm10: pm10At(i), rh: 50 } };
    writer.enqueue(record);
    readings.push({ ts, v: pm10At(i) });
  }
  writer.close();
  return readings;
}

/** The same buckets computed in JavaScript from the readings. */
function expected(readings: { ts: number; v: number }[], from: number, to: number, bucketMs: number) {
  const alignedFrom = Math.floor(from / bucketMs) * bucketMs;
  const buckets = new Map<number, { t: number; min: number; max: number; sum: number; count: number }>();
  for (const { ts, v } of readings) {
    if (ts < alignedFrom || ts > to) continue;
    const t = Math.floor(ts / bucketMs) * bucketMs;
    const b = buckets.get(t) ?? { t, min: Infinity, max: -Infinity, sum: 0, count: 0 };
    b.min = Math.min(b.min, v);
    b.max = Math.max(b.max, v);
    b.sum += v;
    b.count++;
    buckets.set(t, b);
  }
  return [...buckets.values()].sort((a, b) => a.t - b.t);
}

function expectSame(series: HistorySeries, want: ReturnType<typeof expected>) {
  expect(series.points.map((p) => [p.t, p.min, p.max, p.count])).toEqual(want.map((b) => [b.t, b.min, b.max, b.count]));
  series.points.forEach((p, i) => expect(p.avg).toBeCloseTo(want[i]!.sum / want[i]!.count, 9));
}

describe('bucket width', () => {
  it('keeps a window within maxPoints with a readable step', () => {
    expect(bucketWidth(7 * DAY, 500, 60_000)).toBe(30 * 60_000);
    expect(bucketWidth(DAY, 500, 60_000)).toBe(5 * 60_000);
    expect(bucketWidth(3600_000, 500, 1)).toBe(10_000);
    expect(bucketWidth(60_000, 500, 1)).toBe(1000);
    expect(bucketWidth(DAY, 500, 60_000 * 10)).toBe(10 * 60_000);
    expect(bucketWidth(3 * 365 * DAY, 100, 60_000)).toBe(12 * DAY);
    for (const [w, n] of [[7 * DAY, 500], [31 * DAY, 500], [DAY, 2], [5 * 3600_000, 37], [123_456_789, 499]] as const) {
      const b = bucketWidth(w, n, 60_000);
      // Whatever the window's alignment to bucket edges, it touches at most n buckets.
      for (const from of [NOW, NOW + 1, NOW + b - 1, NOW + b / 2, NOW - 12_345]) {
        expect(Math.floor((from + w) / b) - Math.floor(from / b) + 1).toBeLessThanOrEqual(n);
      }
    }
  });
});

describe('history query', () => {
  it('re-buckets 7 days of minute rollups into ≤ 500 points with exact min/max/avg/count', () => {
    const db = openDatabase(tempDir());
    const readings = sevenDays(db);
    const history = new HistoryQuery(db, { rawKeptMs: 30 * DAY });
    const from = START + 17_000; // not on a bucket edge
    const series = history.series({ deviceId: 'dust-1', metric: 'pm10', ref: { field: 'pm10' }, from, to: NOW, maxPoints: 500 }, NOW);
    expect(series.source).toBe('rollup');
    expect(series.bucketMs).toBe(30 * 60_000);
    expect(series.points.length).toBeLessThanOrEqual(500);
    expect(series.points.length).toBe(7 * 48);
    expectSame(series, expected(readings, from, NOW, series.bucketMs));
    // Whole buckets: every 30-minute bucket holds 60 readings.
    expect(series.points.every((p) => p.count === 60)).toBe(true);
    closeDatabase(db);
  });

  it('a day at maxPoints 100 and a 2-hour window from raw readings agree with the readings', () => {
    const db = openDatabase(tempDir());
    const readings = sevenDays(db);
    const history = new HistoryQuery(db, { rawKeptMs: 30 * DAY });
    const day = history.series({ deviceId: 'dust-1', metric: 'pm10', ref: { field: 'pm10' }, from: NOW - DAY, to: NOW, maxPoints: 100 }, NOW);
    expect(day.source).toBe('rollup');
    expect(day.points.length).toBeLessThanOrEqual(100);
    expectSame(day, expected(readings, NOW - DAY, NOW, day.bucketMs));

    const from = NOW - RAW_WINDOW_MAX_MS + 1234;
    const hours = history.series({ deviceId: 'dust-1', metric: 'pm10', ref: { field: 'pm10' }, from, to: NOW, maxPoints: 500 }, NOW);
    expect(hours.source).toBe('raw');
    expect(hours.bucketMs).toBe(15_000);
    expect(hours.points.every((p) => p.count === 1)).toBe(true);
    expectSame(hours, expected(readings, from, NOW, hours.bucketMs));

    // A short window older than raw retention can only come from rollups.
    const old = new HistoryQuery(db, { rawKeptMs: DAY });
    expect(old.series({ deviceId: 'dust-1', metric: 'pm10', ref: { field: 'pm10' }, from: START, to: START + 3600_000, maxPoints: 500 }, NOW).source).toBe('rollup');
    closeDatabase(db);
  });

  it('filters a ranging station’s readings to one point on the raw path', () => {
    const db = openDatabase(tempDir());
    const writer = new TelemetryWriter(db, quiet);
    for (let i = 0; i < 10; i++) {
      writer.enqueue({ deviceId: 'rs-1', kind: 'ranging', ts: NOW - 60_000 + i * 1000, values: { pointId: i % 2 ? 'P2' : 'P1', distanceM: i } });
    }
    writer.close();
    const history = new HistoryQuery(db, { rawKeptMs: DAY });
    const p2 = history.series({ deviceId: 'rs-1', metric: 'distanceM:P2', ref: { field: 'distanceM', pointId: 'P2' }, from: NOW - 60_000, to: NOW, maxPoints: 500 }, NOW);
    expect(p2.points.map((p) => p.max)).toEqual([1, 3, 5, 7, 9]);
    const hour = history.series({ deviceId: 'rs-1', metric: 'distanceM:P2', ref: { field: 'distanceM', pointId: 'P2' }, from: NOW - 6 * 3600_000, to: NOW, maxPoints: 10 }, NOW);
    expect(hour.source).toBe('rollup');
    expect(hour.points.reduce((n, p) => n + p.count, 0)).toBe(5);
    closeDatabase(db);
  });
});

describe('getHistory handler', () => {
  it('404 for an unknown device, 400 for a metric the kind does not have, 400 for from after to', async () => {
    const db = openDatabase(tempDir());
    const siteDevices: DeviceConfig[] = [
      { id: 'dust-1', kind: 'dust', name: 'D1', expectedIntervalS: 5 },
      { id: 'gate-1', kind: 'gate', name: 'G1', expectedIntervalS: 60 },
    ];
    const devices = new DeviceStates(siteDevices, () => undefined);
    const registry = attachedDeviceRegistry(siteDevices, db, devices);
    const handlers = createApiHandlers({ db, devices, registry, alarms: { engine: {} } } as unknown as Parameters<typeof createApiHandlers>[0]);
    const call = (q: Parameters<typeof handlers.getHistory>[0]) => handlers.getHistory(q, { caller: null, token: null });
    await expect(call({ deviceId: 'nope', metric: 'pm10' })).rejects.toMatchObject({ code: 'not-found', field: 'deviceId' });
    const bad = await call({ deviceId: 'dust-1', metric: 'loadT' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    expect(bad).toMatchObject({ code: 'bad-request', field: 'metric' });
    expect((bad as Error).message).toMatch(/metrics of a dust device: pm25, pm10/);
    await expect(call({ deviceId: 'gate-1', metric: 'direction' })).rejects.toMatchObject({ code: 'bad-request', message: /no numeric metrics/ });
    await expect(call({ deviceId: 'dust-1', metric: 'pm10', from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' })).rejects.toMatchObject({ code: 'bad-request', field: 'from' });
    const empty = await call({ deviceId: 'dust-1', metric: 'pm10' });
    expect(empty).toMatchObject({ deviceId: 'dust-1', metric: 'pm10', source: 'raw', points: [] });
    closeDatabase(db);
  });
});
