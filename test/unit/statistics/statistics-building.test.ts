/**
 * The per-building dimension against a hand-computable fixture: two buildings (A: 0–20 m east,
 * B: 100–120 m east), a crane inside A's footprint, a hoist inside B's, a dust monitor standing
 * inside A's footprint but named for B in the site file (the site file wins), and a crane in no
 * footprint (counted nowhere). Readings and alarms go through the real writer, audit chain and folds.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/common/api/errors.js';
import { buildingOfDevice, insidePolygon } from '../../../electron/common/geometry/building-of.js';
import type { CraneTelemetry, HoistTelemetry, TelemetryRecord } from '../../../electron/common/telemetry.js';
import { AlarmStore } from '../../../electron/core/alarms/alarm-store.js';
import { fixedAuditKey } from '../../../electron/core/alarms/audit-key.js';
import { siteSchema } from '../../../electron/core/config/site-schema.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { StatisticsQueries } from '../../../electron/core/statistics/statistics-queries.js';
import { StatisticsService } from '../../../electron/core/statistics/statistics-service.js';
import { closeDatabase, type Database } from '../../../electron/core/store/database.js';
import { TelemetryWriter } from '../../../electron/core/store/telemetry-writer.js';
import { alarmEventsOf } from '../../helpers/alarm-events.js';
import { removeTempDirs } from '../../helpers/temp-dir.js';
import { openTestWorkforce } from '../../helpers/workforce-fixtures.js';

const TZ = 'Asia/Shanghai';
const DAY = '2026-11-20';
const at = (hms: string) => Date.parse(`${DAY}T${hms}+08:00`);
const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });
const square = (e0: number) => [
  { e: e0, n: 0 },
  { e: e0 + 20, n: 0 },
  { e: e0 + 20, n: 20 },
  { e: e0, n: 20 },
];
const BUILDINGS = [
  { id: 'A', name: '1号楼', footprint: square(0) },
  { id: 'B', name: '2号楼', footprint: square(100) },
];
const SITE_DEVICES = [
  { id: 'crane-a', name: 'A塔吊', kind: 'crane', position: { e: 10, n: 10 } },
  { id: 'hoist-b', name: 'B升降机', kind: 'hoist', position: { e: 110, n: 10 } },
  { id: 'dust-1', name: '扬尘', kind: 'dust', position: { e: 5, n: 5 }, building: 'B' },
  { id: 'crane-c', name: '场外塔吊', kind: 'crane', position: { e: 60, n: 60 } },
];
const DEVICES = SITE_DEVICES.map((d) => ({ id: d.id, name: d.name, kind: d.kind, building: buildingOfDevice(d, BUILDINGS) }));
const NOW = at('20:00:00');

let db: Database;
let queries: StatisticsQueries;

beforeAll(() => {
  const wf = openTestWorkforce();
  db = wf.db;
  const writer = new TelemetryWriter(db, quiet, { flushIntervalMs: 60_000 });
  const service = new StatisticsService({
    db,
    timeZone: () => TZ,
    preset: () => 'hebei-db13-2934',
    deviceKind: (id) => SITE_DEVICES.find((d) => d.id === id)?.kind,
    dustDevices: () => ['dust-1'],
    buildingOf: (id) => DEVICES.find((d) => d.id === id)?.building ?? null,
    intervalMs: 60_000,
  });
  const feed = (r: TelemetryRecord) => {
    writer.enqueue(r);
    service.observe(r);
  };
  // One lift on each crane (load 2 t from second 5 to 60).
  for (const deviceId of ['crane-a', 'crane-c']) {
    for (let s = 0; s <= 70; s++) {
      const loadT = s >= 5 && s <= 60 ? 2 : 0;
      const values: CraneTelemetry = { loadT, ratedLoadT: 8, momentPct: loadT * 10, radiusM: 30, heightM: 40, slewDeg: 90, windMs: 3, tiltDeg: 0.1, operatorId: 'op' };
      feed({ deviceId, kind: 'crane', ts: at('10:00:00') + s * 1000, values });
    }
  }
  // One hoist trip 09:00:01–09:01:00, 0 → 29.5 m, 4 people.
  for (let s = 0; s <= 65; s++) {
    const moving = s >= 1 && s <= 59;
    const values: HoistTelemetry = {
      loadKg: 400, ratedLoadKg: 2000, people: 4, ratedPeople: 9, floor: s < 30 ? 1 : 10, heightM: Math.min(s, 59) * 0.5, speedMs: moving ? 0.5 : 0, doorOpen: false, tiltDeg: 0, driverId: 'drv',
    };
    feed({ deviceId: 'hoist-b', kind: 'hoist', ts: at('09:00:00') + s * 1000, values });
  }
  // Offline periods (gaps over two minutes): crane-a silent 10:01:10–10:30:00; hoist-b silent from
  // 09:01:05 until 00:10 the next day (its part of DAY: 14 h 58 min 55 s = 53,935 s).
  const still: CraneTelemetry = { loadT: 0, ratedLoadT: 8, momentPct: 0, radiusM: 30, heightM: 40, slewDeg: 90, windMs: 3, tiltDeg: 0.1, operatorId: 'op' };
  feed({ deviceId: 'crane-a', kind: 'crane', ts: at('10:30:00'), values: still });
  const parked: HoistTelemetry = { loadKg: 0, ratedLoadKg: 2000, people: 0, ratedPeople: 9, floor: 10, heightM: 29.5, speedMs: 0, doorOpen: false, tiltDeg: 0, driverId: 'drv' };
  feed({ deviceId: 'hoist-b', kind: 'hoist', ts: at('00:10:00') + 86_400_000, values: parked });
  // PM10 100 µg/m³ for the 11 o'clock hour (Hebei: 80 an hour): one dust hour over, in B.
  for (let m = 0; m < 60; m++) feed({ deviceId: 'dust-1', kind: 'dust', ts: at('11:00:30') + m * 60_000, values: { pm10: 100 } });
  writer.close();

  const alarms = new AlarmStore(db, { keys: fixedAuditKey(Buffer.alloc(32, 3)), autoFlush: false });
  const scripted = [
    { id: 'a-overload', conditionKey: 'crane-a:moment:overload', sourceDevice: 'crane-a', priority: 'high' as const, raisedAt: at('10:00:30') },
    { id: 'a-collision', conditionKey: 'crane-a~crane-c:collision:stop', sourceDevice: 'crane-a', priority: 'critical' as const, raisedAt: at('10:00:40') },
    { id: 'c-overload', conditionKey: 'crane-c:moment:overload', sourceDevice: 'crane-c', priority: 'high' as const, raisedAt: at('10:00:50') },
    { id: 'b-dust', conditionKey: 'dust-1:pm10-1h-boundary', sourceDevice: 'dust-1', priority: 'medium' as const, raisedAt: at('12:00:00') },
  ];
  for (const event of scripted.flatMap(alarmEventsOf).sort((a, b) => a.at - b.at)) alarms.enqueue(event);
  alarms.flush();

  service.catchUp(NOW);
  queries = new StatisticsQueries({ db, timeZone: () => TZ, preset: () => 'hebei-db13-2934', devices: () => DEVICES, buildings: () => BUILDINGS, now: () => NOW });
});

afterAll(() => {
  closeDatabase(db);
  removeTempDirs();
});

const day = { period: 'day' as const, date: DAY };

describe('which building a device serves', () => {
  it('takes the site file’s building, else the footprint holding the position, else none', () => {
    expect(insidePolygon({ e: 10, n: 10 }, square(0))).toBe(true);
    expect(insidePolygon({ e: 21, n: 10 }, square(0))).toBe(false);
    expect(DEVICES.map((d) => [d.id, d.building])).toEqual([
      ['crane-a', 'A'],
      ['hoist-b', 'B'],
      ['dust-1', 'B'],
      ['crane-c', null],
    ]);
    expect(buildingOfDevice({}, BUILDINGS)).toBeNull();
  });

  it('refuses a building the site model does not have, as a site-file problem on that field', () => {
    const site = (building: string) =>
      siteSchema.safeParse({ id: 's', name: 'S', model: { buildings: BUILDINGS.map((b) => ({ ...b, plannedFloors: 10, completedFloors: 0 })) }, devices: [{ id: 'd', kind: 'dust', name: 'D', building }] });
    expect(site('A').success).toBe(true);
    const bad = site('C');
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['devices.0.building', 'no building "C" in model.buildings (one of A, B)']]);
  });

  it('the demo site names a building for its cranes and hoist', () => {
    const demo = siteSchema.parse(JSON.parse(readFileSync('resources/demo-site/site.json', 'utf8')));
    const of = (id: string) => buildingOfDevice(demo.devices.find((d) => d.id === id)!, demo.model.buildings);
    expect([of('crane-1'), of('crane-2'), of('hoist-1'), of('dust-1')]).toEqual(['A', 'B', 'A', null]);
  });
});

describe('statistics by building', () => {
  it('counts alarms, overloads, collisions, lifts, hoist trips and dust hours per building', () => {
    const t = queries.figure({ figure: 'by-building', ...day });
    expect(t.rows.map((r) => [r.key, r.label, r.values])).toEqual([
      ['A', '1号楼', { alarms: 2, overloads: 1, collisions: 1, lifts: 1, hoistTrips: 0, dustHoursOver: 0 }],
      ['B', '2号楼', { alarms: 1, overloads: 0, collisions: 0, lifts: 0, hoistTrips: 1, dustHoursOver: 1 }],
    ]);
    expect(t.totals).toEqual({ alarms: 3, overloads: 1, collisions: 1, lifts: 1, hoistTrips: 1, dustHoursOver: 1 });
  });

  it('drills down to the building devices’ records', () => {
    const rec = (row: string, column?: string) => queries.records({ figure: 'by-building', ...day }, row, column ?? null);
    expect(rec('A', 'alarms').rows.map((r) => r.alarmId)).toEqual(['a-overload', 'a-collision']);
    expect(rec('A', 'collisions').rows.map((r) => r.alarmId)).toEqual(['a-collision']);
    expect(rec('A', 'lifts').rows.map((r) => [r.device, r.durationS])).toEqual([['crane-a', 56]]);
    expect(rec('B', 'alarms').rows.map((r) => r.alarmId)).toEqual(['b-dust']);
    expect(rec('B', 'dustHoursOver').rows.map((r) => [r.device, r.pollutant, r.mean])).toEqual([['dust-1', 'pm10', 100]]);
    expect(() => rec('Z', 'alarms')).toThrow(ApiError);
    expect(() => rec('A', 'nonsense')).toThrow(/not a column of by-building/);
  });
});

describe('records behind the hoist and uptime bars', () => {
  it('stores each hoist trip with its floors and people, behind hoist-use and by-building', () => {
    const trips = queries.records({ figure: 'hoist-use', ...day }, 'hoist-b', 'trips');
    expect(trips.columns.map((c) => c.key)).toEqual(['startedAt', 'endedAt', 'device', 'driver', 'fromFloor', 'toFloor', 'people']);
    expect(trips.rows).toEqual([{ startedAt: at('09:00:01'), endedAt: at('09:01:00'), device: 'hoist-b', driver: 'drv', fromFloor: 1, toFloor: 10, people: 4 }]);
    expect(queries.records({ figure: 'by-building', ...day }, 'B', 'hoistTrips').rows).toEqual(trips.rows);
    expect(queries.records({ figure: 'hoist-use', ...day }, 'hoist-b', 'overloads').rows).toEqual([]);
    expect(queries.figure({ figure: 'hoist-use', ...day }).drillColumns).toEqual(['trips', 'people', 'overloads']);
  });

  it('stores each offline period as the device comes back, clipped to the asked period', () => {
    const rec = (device: string) => queries.records({ figure: 'device-uptime', ...day }, device, 'offlineHours').rows;
    expect(rec('crane-a')).toEqual([{ device: 'crane-a', startedAt: at('10:01:10'), endedAt: at('10:30:00'), durationS: 1730 }]);
    expect(rec('hoist-b')).toEqual([{ device: 'hoist-b', startedAt: at('09:01:05'), endedAt: at('00:10:00') + 86_400_000, durationS: 53_935 }]);
    expect(queries.records({ figure: 'device-uptime', period: 'day', date: '2026-11-21' }, 'hoist-b', null).rows[0]!.durationS).toBe(600);
    expect(rec('dust-1')).toEqual([]);
    expect(() => rec('no-such-device')).toThrow(/no device "no-such-device"/);
  });
});
