/**
 * A scripted day with hand-counted statistics, across midnight in Asia/Shanghai: readings go
 * through the real TelemetryWriter (raw rows and 1-minute rollups) and the statistics observer,
 * alarms through the real AlarmStore (hash-chained audit rows), passages into wf_passages; the
 * folds then run and the API's queries answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CraneTelemetry, DustReading, HoistTelemetry, TelemetryRecord } from '../../../electron/common/telemetry.js';
import { AlarmStore } from '../../../electron/core/alarms/alarm-store.js';
import { fixedAuditKey } from '../../../electron/core/alarms/audit-key.js';
import type { DustPresetId } from '../../../electron/core/alarms/rules/dust-presets.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { StatisticsQueries } from '../../../electron/core/statistics/statistics-queries.js';
import { StatisticsService } from '../../../electron/core/statistics/statistics-service.js';
import { closeDatabase, type Database } from '../../../electron/core/store/database.js';
import { IntervalWriter } from '../../../electron/core/store/interval-writer.js';
import { TelemetryWriter } from '../../../electron/core/store/telemetry-writer.js';
import { alarmEventsOf } from '../../helpers/alarm-events.js';
import { insertPassage } from '../../helpers/attendance-fixtures.js';
import { removeTempDirs } from '../../helpers/temp-dir.js';
import { openTestWorkforce, testIdNumber } from '../../helpers/workforce-fixtures.js';
import { ApiError } from '../../../electron/common/api/errors.js';

const TZ = 'Asia/Shanghai';
const D1 = '2026-11-20';
const D2 = '2026-11-21';
const at = (day: string, hms: string) => Date.parse(`${day}T${hms}+08:00`);
const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });
const DEVICES = [
  { id: 'crane-1', name: '1号塔吊', kind: 'crane' },
  { id: 'crane-2', name: '2号塔吊', kind: 'crane' },
  { id: 'hoist-1', name: '1号升降机', kind: 'hoist' },
  { id: 'dust-1', name: '东门扬尘', kind: 'dust' },
];

let db: Database;
let queries: StatisticsQueries;
const NOW = at(D2, '12:00:00');

function crane(ts: number, loadT: number, operatorId: string): TelemetryRecord {
  const values: CraneTelemetry = { loadT, ratedLoadT: 8, momentPct: loadT * 10, radiusM: 30, heightM: 40, slewDeg: 90, windMs: 3, tiltDeg: 0.1, operatorId };
  return { deviceId: 'crane-1', kind: 'crane', ts, values };
}

beforeAll(() => {
  const wf = openTestWorkforce();
  db = wf.db;
  const writer = new TelemetryWriter(db, quiet, { flushIntervalMs: 60_000 });
  const intervals = new IntervalWriter(db, quiet, { flushIntervalMs: 60_000 });
  const service = new StatisticsService({
    db,
    timeZone: () => TZ,
    preset: (): DustPresetId => 'hebei-db13-2934',
    deviceKind: (id) => DEVICES.find((d) => d.id === id)?.kind,
    dustDevices: () => ['dust-1'],
    intervalMs: 60_000,
  });
  const feed = (r: TelemetryRecord) => {
    writer.enqueue(r);
    service.observe(r);
  };

  // Crane block 1, 10:00:00–10:01:40 at 1 Hz: lift A (op-A) 10:00:05–10:01:01 with the load
  // dithering between 0.3 and 0.55 t mid-lift (hysteresis: still one lift), then a 3 s spike of
  // 0.6 t at 10:01:20 (shorter than a lift). Block 2, 23:58:00–00:01:00 (op-B): lift B 23:58:10
  // until the load drops at 23:59:59, lift C from 00:00:00 (the next day) to 00:00:41.
  for (let s = 0; s <= 100; s++) {
    const ts = at(D1, '10:00:00') + s * 1000;
    let load = s >= 5 && s <= 60 ? 2 : 0;
    if (s >= 20 && s <= 25) load = s % 2 === 0 ? 0.3 : 0.55;
    if (s >= 80 && s <= 82) load = 0.6;
    feed(crane(ts, load, 'op-A'));
  }
  for (let s = 0; s <= 180; s++) {
    const ts = at(D1, '23:58:00') + s * 1000;
    const load = (s >= 10 && s < 119) || (s >= 120 && s <= 160) ? 2 : 0;
    feed(crane(ts, load, 'op-B'));
  }
  // Hoist: one trip 09:00:00–09:01:00 from 0 to 30 m with up to 5 people; a 1 m creep later is no trip.
  for (let s = 0; s <= 80; s++) {
    const moving = s >= 1 && s <= 59;
    const creeping = s >= 70 && s <= 72;
    const values: HoistTelemetry = {
      loadKg: 400, ratedLoadKg: 2000, people: moving ? (s < 30 ? 3 : 5) : 2, ratedPeople: 9, floor: 1, heightM: s >= 60 ? (s > 72 ? 31 : 30) : s * 0.5,
      speedMs: moving || creeping ? 0.5 : 0, doorOpen: false, tiltDeg: 0, driverId: 'drv-1',
    };
    feed({ deviceId: 'hoist-1', kind: 'hoist', ts: at(D1, '09:00:00') + s * 1000, values });
  }
  // Dust, a reading a minute: PM10 100 and noise 72 dB(A) in the 10 o'clock hour (both over),
  // PM10 60 at 11 with noise 62 for its first half hour and 72 for its second (Leq 69.4: under
  // 70 though the arithmetic mean, 67, would hide how loud it was); PM10 50 and noise 58 (over at night) from 23:00 to 23:59; the 12 o'clock hour
  // only from the monitor's HJ 212 hourly mean (PM10 90, over). Hebei: PM10 80 an hour.
  const dust = (ts: number, values: DustReading) => feed({ deviceId: 'dust-1', kind: 'dust', ts, values });
  for (let m = 0; m < 60; m++) {
    dust(at(D1, '10:00:30') + m * 60_000, { pm10: 100, noiseDb: 72 });
    dust(at(D1, '11:00:30') + m * 60_000, { pm10: 60, noiseDb: m < 30 ? 62 : 72 });
    dust(at(D1, '23:00:00') + m * 60_000 + 59_000, { pm10: 50, noiseDb: 58 });
  }
  dust(at(D2, '00:00:00'), { pm10: 500 }); // the next day's first minute: never in D1's 23 o'clock hour
  intervals.enqueue({ deviceId: 'dust-1', kind: 'hour', dataTime: at(D1, '12:00:00'), values: [{ code: 'a34002', avg: 90, min: 70, max: 120, cou: null, flag: 'N' }] });
  writer.close();
  intervals.close();

  const alarms = new AlarmStore(db, { keys: fixedAuditKey(Buffer.alloc(32, 7)), autoFlush: false });
  const scripted = [
    { id: 'a-overload', conditionKey: 'crane-1:moment:overload', sourceDevice: 'crane-1', priority: 'high' as const, raisedAt: at(D1, '10:00:30'), ackedAt: at(D1, '10:01:00'), ackedBy: 'li', clearedAt: at(D1, '10:02:00') },
    { id: 'a-collision', conditionKey: 'crane-1~crane-2:collision:stop', sourceDevice: 'crane-1', priority: 'critical' as const, raisedAt: at(D1, '10:00:40') },
    { id: 'a-cutoff', conditionKey: 'crane-1:moment:cutoff', sourceDevice: 'crane-1', priority: 'critical' as const, raisedAt: at(D1, '23:59:59'), ackedAt: at(D2, '00:00:40'), ackedBy: 'wang' },
    { id: 'a-dust', conditionKey: 'dust-1:pm10-1h-boundary', sourceDevice: 'dust-1', priority: 'medium' as const, raisedAt: at(D2, '00:00:00') },
  ];
  for (const event of scripted.flatMap(alarmEventsOf).sort((a, b) => a.at - b.at)) alarms.enqueue(event);
  alarms.flush();

  // Worker 1 in at 07:50 and again at 23:59:59 (one presence), then at 00:00:00 (the next day); worker 2 at 08:00.
  const company = wf.store.createCompany({ creditCode: '91320100MA1X000001', name: '华建劳务', kind: 'labour-sub' });
  const team = wf.store.createTeam({ companyId: company, name: '钢筋一班' });
  const workers = [0, 1].map((i) => {
    const id = wf.store.createWorker({ name: `工人${i}`, idType: 'mainland', idNumber: testIdNumber(i), trade: '钢筋工' });
    wf.store.enter({ workerId: id, companyId: company, teamId: team, enteredOn: '2026-11-01' });
    return id;
  });
  insertPassage(db, { workerId: workers[0]!, direction: 'in', at: at(D1, '07:50:00') });
  insertPassage(db, { workerId: workers[0]!, direction: 'in', at: at(D1, '23:59:59') });
  insertPassage(db, { workerId: workers[0]!, direction: 'in', at: at(D2, '00:00:00') });
  insertPassage(db, { workerId: workers[1]!, direction: 'in', at: at(D1, '08:00:00') });

  service.catchUp(NOW);
  queries = new StatisticsQueries({ db, timeZone: () => TZ, preset: () => 'hebei-db13-2934', devices: () => DEVICES, now: () => NOW });
});

afterAll(() => {
  closeDatabase(db);
  removeTempDirs();
});

const range = { period: 'range' as const, from: D1, to: D2 };

describe('statistics of a scripted day across midnight (Asia/Shanghai)', () => {
  it('counts alarms by day and priority, each on its own site day', () => {
    const t = queries.figure({ figure: 'alarms-by-day', ...range });
    expect(t.rows.map((r) => [r.key, r.values])).toEqual([
      [D1, { critical: 2, high: 1, medium: 0, low: 0, total: 3 }],
      [D2, { critical: 0, high: 0, medium: 1, low: 0, total: 1 }],
    ]);
  });

  it('times acknowledgement and clearing from the audit events', () => {
    const t = queries.figure({ figure: 'alarm-response', ...range });
    const byKey = Object.fromEntries(t.rows.map((r) => [r.key, r.values]));
    expect(byKey.high).toEqual({ raised: 1, acked: 1, ackMeanS: 30, ackMaxS: 30, clearMeanS: 90 });
    expect(byKey.critical).toMatchObject({ raised: 2, acked: 1, ackMeanS: 41, clearMeanS: null });
  });

  it('counts lifts with hysteresis, overloads and anti-collision events per crane and operator, and uptime split at midnight', () => {
    const d1 = queries.figure({ figure: 'crane-use', period: 'day', date: D1 });
    expect(d1.rows.find((r) => r.key === 'crane-1')!.values).toEqual({ lifts: 2, liftHours: round2((56 + 109) / 3600), overloads: 2, collisions: 1, onlineHours: round2(220 / 3600) });
    expect(d1.rows.find((r) => r.key === 'crane-2')!.values).toMatchObject({ lifts: 0, overloads: 0, collisions: 1 });
    const d2 = queries.figure({ figure: 'crane-use', period: 'day', date: D2 });
    expect(d2.rows.find((r) => r.key === 'crane-1')!.values).toMatchObject({ lifts: 1, overloads: 0, onlineHours: round2(60 / 3600) });
    const ops = queries.figure({ figure: 'crane-operators', period: 'day', date: D1 });
    expect(Object.fromEntries(ops.rows.map((r) => [r.key, [r.values.lifts, r.values.overloads, r.values.collisions]]))).toEqual({
      'crane-1|op-A': [1, 1, 1],
      'crane-1|op-B': [1, 1, 0],
      'crane-2|': [0, 0, 1],
    });
  });

  it('drills down from "crane-1 overloads" to the alarms with operator and time to acknowledge', () => {
    const r = queries.records({ figure: 'crane-use', period: 'day', date: D1 }, 'crane-1', 'overloads');
    expect(r.rows.map((x) => [x.alarmId, x.operator, x.ackSeconds, x.ackedBy])).toEqual([
      ['a-overload', 'op-A', 30, 'li'],
      ['a-cutoff', 'op-B', 41, 'wang'],
    ]);
    const lifts = queries.records({ figure: 'crane-operators', period: 'day', date: D2 }, 'crane-1|op-B', 'lifts');
    expect(lifts.rows).toHaveLength(1);
    expect(lifts.rows[0]).toMatchObject({ startedAt: at(D2, '00:00:00'), durationS: 41, operator: 'op-B' });
  });

  it('counts hoist trips and people carried', () => {
    const t = queries.figure({ figure: 'hoist-use', period: 'day', date: D1 });
    expect(t.rows[0]!.values).toEqual({ trips: 1, people: 5, overloads: 0 });
  });

  it('judges dust and noise hours against the preset (HJ 212 hourly mean where sent) and the day as compliant with 2 hours over', () => {
    const t = queries.figure({ figure: 'dust-daily', ...range });
    // Noise by hand (GB 12523-2011 Leq, energy means): the 11 o'clock hour 10·lg((10^6.2 + 10^7.2) / 2)
    // = 69.40 dB(A); day-time (10 and 11 o'clock) 10·lg((10^7.2 + 10^6.940) / 2) = 70.89 → 70.9
    // (the arithmetic mean would say 69.5); night-time only 23 o'clock: 58.
    expect(t.rows[0]!.values).toEqual({ pm10: 75, pm25: null, tsp: null, noise: 70.9, noiseNight: 58, dustHoursOver: 2, noiseHoursOver: 2, compliant: 1 });
    expect(t.totals).toMatchObject({ noise: 70.9, noiseNight: 58 });
    // The 00:00 reading of D2 is one minute: not enough for an hourly judgement.
    expect(t.rows[1]!.values).toMatchObject({ pm10: null, compliant: null });
    expect(t.totals.compliant).toBe(100);
    const over = queries.records({ figure: 'dust-daily', ...range }, D1, 'dustHoursOver');
    expect(over.rows.map((r) => [r.hour, r.mean, r.source])).toEqual([
      [at(D1, '10:00:00'), 100, 'minute-rollups'],
      [at(D1, '12:00:00'), 90, 'hj212-hour'],
    ]);
  });

  it('counts workers present per team per site day, once a day', () => {
    const d1 = queries.figure({ figure: 'attendance-by-team', period: 'day', date: D1 });
    expect(d1.rows[0]!.values).toEqual({ members: 2, meanPresent: 2, attendancePct: 100 });
    const d2 = queries.figure({ figure: 'attendance-by-team', period: 'day', date: D2 });
    expect(d2.rows[0]!.values).toEqual({ members: 2, meanPresent: 1, attendancePct: 50 });
  });

  it('aggregates days into the week and the month', () => {
    const week = queries.figure({ figure: 'alarms-by-day', period: 'week', date: D1 });
    expect([week.period.from, week.period.to]).toEqual(['2026-11-16', '2026-11-22']);
    expect(week.totals.total).toBe(4);
    const month = queries.figure({ figure: 'crane-use', period: 'month', date: D2 });
    expect(month.rows.find((r) => r.key === 'crane-1')!.values.lifts).toBe(3);
  });

  it('answers bad periods with a 400 that says what to do', () => {
    const bad = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof ApiError ? [error.code, error.field] : ['other'];
      }
      return ['no error'];
    };
    expect(bad(() => queries.figure({ figure: 'alarms-by-day', period: 'range', from: D2, to: D1 }))).toEqual(['bad-request', 'from']);
    expect(bad(() => queries.figure({ figure: 'alarms-by-day', period: 'range', from: '2026-01-01', to: '2026-12-31' }))).toEqual(['bad-request', 'to']);
    expect(bad(() => queries.figure({ figure: 'alarms-by-day', period: 'day', date: '2026-02-30' }))).toEqual(['bad-request', 'date']);
    expect(bad(() => queries.records({ figure: 'crane-use', period: 'day', date: D1 }, 'crane-9', 'lifts'))).toEqual(['not-found', 'row']);
  });
});

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
