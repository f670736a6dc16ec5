/**
 * 30 days (or `days`) of a busy site, written through the core's own store writers in large
 * batched transactions: 2 tower cranes at 1 Hz while they work (07:00–19:00 site time, a lift
 * every 4 minutes), 1 hoist (a trip every 10 minutes), 4 dust/noise monitors a reading a minute
 * all day (two of them also sending HJ 212 hourly means), 500 workers with gate passages each
 * day, 5,000 alarms over 30 days (raised, mostly acknowledged and cleared) through the alarm
 * store's hash-chained audit, and 2 panorama captures a day. The statistics folds see the
 * telemetry as the live pipeline's observer would and are caught up at the end, so the returned
 * facts (counts the generator knows) can be checked against the statistics.
 *
 *   seedBusySite(dataDirOrDb, { days = 30, endDay = yesterday (Asia/Shanghai), seed = 1 }): BusySiteFacts
 */
import { randomBytes } from 'node:crypto';
import { makeGb11643 } from '../../electron/common/id-number.js';
import type { AlarmPriority } from '../../electron/common/alarms.js';
import type { TelemetryRecord } from '../../electron/common/telemetry.js';
import { AlarmStore } from '../../electron/core/alarms/alarm-store.js';
import { fixedAuditKey } from '../../electron/core/alarms/audit-key.js';
import { createLogger } from '../../electron/core/log/logger.js';
import { StatisticsService } from '../../electron/core/statistics/statistics-service.js';
import { openDatabase, type Database } from '../../electron/core/store/database.js';
import { IntervalWriter } from '../../electron/core/store/interval-writer.js';
import { TelemetryWriter } from '../../electron/core/store/telemetry-writer.js';
import { siteInstant, siteLocal, nextDay } from '../../electron/core/workforce/attendance-clock.js';
import { IdentityCipher } from '../../electron/core/workforce/identity-cipher.js';
import { WorkforceStore } from '../../electron/core/workforce/workforce-store.js';
import { alarmEventsOf, type ScriptedAlarm } from './alarm-events.js';

export const BUSY_SITE_TIME_ZONE = 'Asia/Shanghai';
export const BUSY_SITE_PRESET = 'gb3095-grade2';

/** The devices of the busy site (what a site file for it lists). */
export const BUSY_SITE_DEVICES = [
  { id: 'crane-1', name: '1号塔吊', kind: 'crane' },
  { id: 'crane-2', name: '2号塔吊', kind: 'crane' },
  { id: 'hoist-1', name: '1号施工升降机', kind: 'hoist' },
  { id: 'dust-1', name: '东门扬尘监测', kind: 'dust' },
  { id: 'dust-2', name: '西门扬尘监测', kind: 'dust' },
  { id: 'dust-3', name: '南侧扬尘监测', kind: 'dust' },
  { id: 'dust-4', name: '北侧扬尘监测', kind: 'dust' },
] as const;

export interface BusySiteOptions {
  days?: number;
  /** Last site day, YYYY-MM-DD (default: yesterday in Asia/Shanghai). */
  endDay?: string;
  seed?: number;
  /** Alarms over the whole period (default 5,000 per 30 days). */
  alarms?: number;
  workers?: number;
}

/** What was written, counted by the generator. */
export interface BusySiteFacts {
  db: Database;
  days: string[];
  timeZone: string;
  /** Instant just after the last day (site midnight), and an hour later (when the folds were caught up). */
  endMs: number;
  foldedAt: number;
  telemetryRows: number;
  craneReadings: number;
  liftsPerCrane: Record<string, number>;
  liftsPerCraneOperator: Record<string, number>;
  hoistTrips: number;
  hoistPeople: number;
  dustReadings: number;
  alarms: number;
  alarmsByPriority: Record<AlarmPriority, number>;
  overloadsPerCrane: Record<string, number>;
  acknowledged: number;
  workers: number;
  passages: number;
  /** Workers admitted per day (each once). */
  presentPerDay: Record<string, number>;
  panoramaCaptures: number;
  statistics: StatisticsService;
}

const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const LIFT_CYCLE_S = 240;
const LIFT_LOADED_S = [10, 100] as const;

export function seedBusySite(dataDirOrDb: string | Database, options: BusySiteOptions = {}): BusySiteFacts {
  const db = typeof dataDirOrDb === 'string' ? openDatabase(dataDirOrDb) : dataDirOrDb;
  const tz = BUSY_SITE_TIME_ZONE;
  const dayCount = options.days ?? 30;
  const endDay = options.endDay ?? nextDay(siteLocal(Date.now(), tz).day, -1);
  const days = Array.from({ length: dayCount }, (_, i) => nextDay(endDay, i - dayCount + 1));
  const rng = mulberry32(options.seed ?? 1);
  const endMs = siteInstant(endDay, 1440, tz);
  const foldedAt = endMs + HOUR;
  const statistics = new StatisticsService({
    db,
    timeZone: () => tz,
    preset: () => BUSY_SITE_PRESET,
    deviceKind: (id) => BUSY_SITE_DEVICES.find((d) => d.id === id)?.kind,
    dustDevices: () => BUSY_SITE_DEVICES.filter((d) => d.kind === 'dust').map((d) => d.id),
    intervalMs: 3_600_000,
  });
  const writer = new TelemetryWriter(db, quiet, { batchSize: 50_000, maxQueued: 100_000, flushIntervalMs: 3_600_000 });
  const intervals = new IntervalWriter(db, quiet, { batchSize: 5_000, maxQueued: 20_000, flushIntervalMs: 3_600_000 });
  const facts: Omit<BusySiteFacts, 'statistics' | 'db'> = {
    days, timeZone: tz, endMs, foldedAt, telemetryRows: 0, craneReadings: 0, liftsPerCrane: {}, liftsPerCraneOperator: {}, hoistTrips: 0, hoistPeople: 0,
    dustReadings: 0, alarms: 0, alarmsByPriority: { critical: 0, high: 0, medium: 0, low: 0 }, overloadsPerCrane: {}, acknowledged: 0, workers: 0, passages: 0,
    presentPerDay: {}, panoramaCaptures: 0,
  };
  const feed = (r: TelemetryRecord) => {
    writer.enqueue(r);
    statistics.observe(r);
    facts.telemetryRows++;
  };

  for (const day of days) {
    const dayStart = siteInstant(day, 0, tz);
    // Readings in time order across devices, an hour at a time (the observer needs each device's in order).
    for (let hour = 0; hour < 24; hour++) {
      const hourStart = dayStart + hour * HOUR;
      if (hour >= 7 && hour < 19) {
        for (const [c, crane] of ['crane-1', 'crane-2'].entries()) {
          for (let s = 0; s < 3600; s++) {
            const sinceSeven = (hour - 7) * 3600 + s;
            const inCycle = sinceSeven % LIFT_CYCLE_S;
            const cycle = Math.floor(sinceSeven / LIFT_CYCLE_S);
            const operatorId = `${crane === 'crane-1' ? ['op-A', 'op-B'] : ['op-C', 'op-D']}`.split(',')[hour < 13 ? 0 : 1]!;
            const peak = 1 + ((cycle * 7 + c * 3 + day.charCodeAt(9)) % 50) / 10;
            const loaded = inCycle >= LIFT_LOADED_S[0] && inCycle < LIFT_LOADED_S[1];
            const loadT = loaded ? peak : 0;
            if (inCycle === LIFT_LOADED_S[1]) {
              facts.liftsPerCrane[crane] = (facts.liftsPerCrane[crane] ?? 0) + 1;
              const key = `${crane}|${operatorId}`;
              facts.liftsPerCraneOperator[key] = (facts.liftsPerCraneOperator[key] ?? 0) + 1;
            }
            feed({
              deviceId: crane, kind: 'crane', ts: hourStart + s * 1000,
              values: { loadT, ratedLoadT: 8, momentPct: loadT * 12, radiusM: 30 + (s % 20), heightM: 40, slewDeg: (s * 0.5) % 360, windMs: 3 + (s % 5) * 0.3, tiltDeg: 0.1, operatorId },
            });
            facts.craneReadings++;
          }
        }
        // Hoist: a trip every 10 minutes, 60 s moving at 0.5 m/s (30 m), readings every 5 s; people vary by trip.
        for (let trip = 0; trip < 6; trip++) {
          const start = hourStart + trip * 600_000;
          const people = 1 + ((hour + trip + day.charCodeAt(9)) % 8);
          const up = trip % 2 === 0;
          for (let s = 0; s <= 70; s += 5) {
            const moving = s > 0 && s <= 60;
            const height = up ? Math.min(30, s * 0.5) : Math.max(0, 30 - s * 0.5);
            feed({ deviceId: 'hoist-1', kind: 'hoist', ts: start + s * 1000, values: { loadKg: people * 75, ratedLoadKg: 2000, people, ratedPeople: 9, floor: Math.round(height / 3), heightM: height, speedMs: moving ? (up ? 0.5 : -0.5) : 0, doorOpen: !moving, tiltDeg: 0, driverId: 'drv-1' } });
          }
          facts.hoistTrips++;
          facts.hoistPeople += people;
        }
      }
      // Dust monitors: a reading a minute, all day; dusty afternoons on some days.
      for (const [m, monitor] of ['dust-1', 'dust-2', 'dust-3', 'dust-4'].entries()) {
        const dusty = (day.charCodeAt(9) + m) % 5 === 0 && hour >= 13 && hour < 16;
        let pm10Sum = 0;
        for (let minute = 0; minute < 60; minute++) {
          const pm10 = (dusty ? 170 : 55) + 20 * Math.sin((hour * 60 + minute) / 90) + rng() * 10;
          pm10Sum += pm10;
          const night = hour >= 22 || hour < 6;
          feed({ deviceId: monitor, kind: 'dust', ts: hourStart + minute * 60_000 + 30_000, values: { pm10, pm25: pm10 * 0.45, tsp: pm10 * 1.6, noiseDb: (night ? 48 : 64) + rng() * 6, windMs: 2, windDir: 90, tempC: 12, rh: 50 } });
          facts.dustReadings++;
        }
        if (m < 2) intervals.enqueue({ deviceId: monitor, kind: 'hour', dataTime: hourStart, values: [{ code: 'a34002', avg: Math.round((pm10Sum / 60) * 10) / 10, min: null, max: null, cou: null, flag: 'N' }] });
      }
      if (writer.getStats().queued > 40_000) writer.flush();
    }
    writer.flush();
    intervals.flush();
    statistics.equipment.step();
  }
  writer.close();
  intervals.close();
  seedAlarms(db, days, tz, rng, options.alarms ?? Math.round((5000 * dayCount) / 30), facts);
  seedWorkforce(db, days, tz, rng, options.workers ?? 500, facts);
  const insertCapture = db.prepare(
    `INSERT INTO panorama_captures (id, sha256, point_id, assigned_by, source, original_name, format, width, height, bytes, captured_at, ingested_at, state)
     VALUES (?, ?, ?, 'hand', 'demo', ?, 'jpeg', 8192, 4096, 1000000, ?, ?, 'ready')`,
  );
  db.transaction(() => {
    for (const [d, day] of days.entries()) {
      for (const k of [0, 1]) {
        const at = siteInstant(day, 9 * 60 + k * 360, tz);
        const hex = (d * 2 + k).toString(16).padStart(16, '0');
        insertCapture.run(`pc-${hex}`, hex.padEnd(64, '0'), k === 0 ? 'P1' : 'P2', `busy-${day}-${k}.jpg`, at, at);
        facts.panoramaCaptures++;
      }
    }
  })();
  statistics.catchUp(foldedAt);
  return { ...facts, db, statistics };
}

function seedAlarms(db: Database, days: string[], tz: string, rng: () => number, count: number, facts: Omit<BusySiteFacts, 'statistics' | 'db'>): void {
  const store = new AlarmStore(db, { keys: fixedAuditKey(Buffer.alloc(32, 5)), autoFlush: false, maxQueued: 1_000_000, batchSize: 5_000 });
  const scripted: ScriptedAlarm[] = [];
  for (let i = 0; i < count; i++) {
    const day = days[i % days.length]!;
    const raisedAt = siteInstant(day, 7 * 60, tz) + Math.floor(rng() * 12 * 3600) * 1000;
    const roll = rng();
    const crane = rng() < 0.5 ? 'crane-1' : 'crane-2';
    const monitor = `dust-${1 + Math.floor(rng() * 4)}`;
    // Roughly EEMUA 191's mix: a few critical, some high, most medium and low.
    const [conditionKey, sourceDevice, priority]: [string, string, AlarmPriority] =
      roll < 0.02 ? [`${crane}:moment:cutoff`, crane, 'critical']
      : roll < 0.05 ? ['crane-1~crane-2:collision:stop', 'crane-1', 'critical']
      : roll < 0.2 ? [`${crane}:moment:overload`, crane, 'high']
      : roll < 0.6 ? [`${monitor}:pm10-24h`, monitor, 'medium']
      : [`${monitor}:offline`, monitor, 'low'];
    const acked = rng() < 0.9;
    const ackedAt = acked ? raisedAt + (5 + Math.floor(rng() * 600)) * 1000 : undefined;
    const clearedAt = raisedAt + (30 + Math.floor(rng() * 1800)) * 1000;
    scripted.push({ id: `busy-${i}`, conditionKey, sourceDevice, priority, raisedAt, ...(ackedAt ? { ackedAt, ackedBy: 'safety1' } : {}), clearedAt });
    facts.alarms++;
    facts.alarmsByPriority[priority]++;
    if (acked) facts.acknowledged++;
    if (conditionKey.includes(':moment:')) facts.overloadsPerCrane[crane] = (facts.overloadsPerCrane[crane] ?? 0) + 1;
  }
  for (const event of scripted.flatMap(alarmEventsOf).sort((a, b) => a.at - b.at)) store.enqueue(event);
  while (store.getStats().queued > 0) store.flush();
}

function seedWorkforce(db: Database, days: string[], tz: string, rng: () => number, count: number, facts: Omit<BusySiteFacts, 'statistics' | 'db'>): void {
  const store = new WorkforceStore(db, new IdentityCipher(randomBytes(32), randomBytes(32)));
  const insert = db.prepare(
    `INSERT INTO wf_passages (event_key, gate_id, worker_id, credential_kind, direction, at, received, outcome, counted, via, person_key)
     VALUES (?, 'gate-1', ?, 'card', ?, ?, ?, ?, 1, 'mqtt', ?)`,
  );
  db.transaction(() => {
    const company = store.createCompany({ creditCode: '91320100MA1X000001', name: '江苏华建劳务有限公司', kind: 'labour-sub' });
    const teams = ['钢筋一班', '木工二班', '水电班', '架子班', '混凝土班'].map((name) => store.createTeam({ companyId: company, name }));
    const workers: number[] = [];
    for (let i = 0; i < count; i++) {
      const birth = new Date(Date.UTC(1975, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const id = store.createWorker({ name: `工人${i}`, idType: 'mainland', idNumber: makeGb11643('320102', birth, (i % 900) + 100), trade: '钢筋工' });
      store.enter({ workerId: id, companyId: company, teamId: teams[i % teams.length]!, enteredOn: days[0]! });
      workers.push(id);
    }
    facts.workers = count;
    for (const day of days) {
      let present = 0;
      for (const worker of workers) {
        if (rng() < 0.1) continue;
        const inAt = siteInstant(day, 7 * 60 + 20 + Math.floor(rng() * 40), tz);
        const outAt = siteInstant(day, 17 * 60 + 20 + Math.floor(rng() * 40), tz);
        insert.run(`busy-${worker}-${inAt}`, worker, 'in', inAt, inAt, 'admitted', `w:${worker}`);
        insert.run(`busy-${worker}-${outAt}`, worker, 'out', outAt, outAt, 'left', `w:${worker}`);
        facts.passages += 2;
        present++;
      }
      facts.presentPerDay[day] = present;
    }
  })();
}
