/**
 * The live side of the statistics: an ingest-pipeline observer (like the gates') that follows
 * cranes, hoists and every device's reporting, and queues finished lifts, hoist trips and offline periods (each stored one row apiece, the records behind the bars) and sums online
 * time per device and day; `step` writes the queue in one transaction. The queue is bounded: past `MAX_QUEUED`
 * items the oldest are dropped and counted (the store's own writer would be stalled by then too).
 * A lift in progress when the core stops is not counted (its start is only in memory).
 */
import type { CraneTelemetry, HoistTelemetry, TelemetryRecord } from '../../common/telemetry.js';
import type { Database } from '../store/database.js';
import { siteLocal } from '../workforce/attendance-clock.js';
import { CraneCycleCounter, type CraneLift } from './crane-cycles.js';
import { buildingDims, DailyCounters } from './daily-counters.js';
import { HoistTripCounter, type HoistTrip } from './hoist-trips.js';
import { UptimeTracker } from './uptime.js';

type Item = { lift: CraneLift } | { trip: HoistTrip } | { offline: { deviceId: string; from: number; to: number } };

export const MAX_QUEUED = 100_000;

export class EquipmentFold {
  private queue: Item[] = [];
  /** Online seconds per `device\u0000day` since the last write (summed here: a 1 Hz device would queue a slice a second). */
  private online = new Map<string, number>();
  private readonly cranes = new CraneCycleCounter();
  private readonly hoists = new HoistTripCounter();
  private readonly uptime: UptimeTracker;
  private readonly lastOperator = new Map<string, { operatorId: string; at: number }>();
  private readonly counters: DailyCounters;
  private readonly insertLift;
  private readonly insertTrip;
  private readonly insertOffline;
  private readonly operatorBefore;
  private readonly write: (items: Item[], online: Map<string, number>) => void;
  dropped = 0;

  constructor(
    db: Database,
    private readonly timeZone: () => string,
    private readonly buildingOf: (deviceId: string) => string | null = () => null,
  ) {
    this.uptime = new UptimeTracker(timeZone);
    this.counters = new DailyCounters(db);
    this.insertLift = db.prepare(
      'INSERT INTO stat_lifts (device_id, operator_id, day, started_at, ended_at, peak_load_t, peak_moment_pct) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertTrip = db.prepare(
      'INSERT INTO stat_hoist_trips (device_id, driver_id, day, started_at, ended_at, from_floor, to_floor, people, travel_m) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertOffline = db.prepare('INSERT INTO stat_offline (device_id, started_at, ended_at) VALUES (?, ?, ?)');
    this.operatorBefore = db.prepare<[string, number], { operator_id: string | null }>(
      'SELECT operator_id FROM stat_lifts WHERE device_id = ? AND started_at <= ? ORDER BY started_at DESC LIMIT 1',
    );
    this.write = db.transaction((items: Item[], online: Map<string, number>) => {
      for (const item of items) this.writeItem(item);
      for (const [key, seconds] of online) {
        const [deviceId, day] = key.split('\u0000') as [string, string];
        this.counters.add('device.onlineSeconds', [`device:${deviceId}`], day, seconds);
      }
      this.counters.flush();
    });
  }

  observe(record: TelemetryRecord): void {
    const offline = (from: number, to: number) => this.push({ offline: { deviceId: record.deviceId, from, to } });
    for (const slice of this.uptime.observe(record.deviceId, record.ts, offline)) {
      const key = `${slice.deviceId}\u0000${slice.day}`;
      this.online.set(key, (this.online.get(key) ?? 0) + slice.seconds);
    }
    if (record.kind === 'crane') {
      const reading = record.values as CraneTelemetry;
      if (reading.operatorId) this.lastOperator.set(record.deviceId, { operatorId: reading.operatorId, at: record.ts });
      const lift = this.cranes.observe(record.deviceId, record.ts, reading);
      if (lift) this.push({ lift });
    } else if (record.kind === 'hoist') {
      const trip = this.hoists.observe(record.deviceId, record.ts, record.values as HoistTelemetry);
      if (trip) this.push({ trip });
    }
  }

  /** Who drove the crane at `at`: the live reading's operator if recent, else the lift before it. */
  operatorAt(deviceId: string, at: number): string | null {
    const live = this.lastOperator.get(deviceId);
    if (live && Math.abs(at - live.at) < 600_000) return live.operatorId;
    return this.operatorBefore.get(deviceId, at)?.operator_id ?? null;
  }

  /** Writes the queued items; returns how many. */
  step(): number {
    if (this.queue.length === 0 && this.online.size === 0) return 0;
    const items = this.queue;
    const online = this.online;
    this.queue = [];
    this.online = new Map();
    this.write(items, online);
    return items.length + online.size;
  }

  private push(item: Item): void {
    if (this.queue.length >= MAX_QUEUED) {
      this.queue.shift();
      this.dropped++;
    }
    this.queue.push(item);
  }

  private writeItem(item: Item): void {
    const tz = this.timeZone();
    if ('lift' in item) {
      const l = item.lift;
      const day = siteLocal(l.startedAt, tz).day;
      this.insertLift.run(l.deviceId, l.operatorId, day, l.startedAt, l.endedAt, l.peakLoadT, l.peakMomentPct);
      const dims = [`device:${l.deviceId}`, `crew:${l.deviceId}|${l.operatorId ?? ''}`];
      this.counters.add('crane.lifts', [...dims, ...buildingDims([l.deviceId], this.buildingOf)], day);
      this.counters.add('crane.liftSeconds', dims, day, (l.endedAt - l.startedAt) / 1000);
      this.counters.add('crane.peakLoadT', dims, day, l.peakLoadT);
    } else if ('offline' in item) {
      const o = item.offline;
      this.insertOffline.run(o.deviceId, o.from, o.to);
    } else {
      const t = item.trip;
      const day = siteLocal(t.startedAt, tz).day;
      this.insertTrip.run(t.deviceId, t.driverId, day, t.startedAt, t.endedAt, t.fromFloor, t.toFloor, t.people, t.travelM);
      const dims = [`device:${t.deviceId}`, ...buildingDims([t.deviceId], this.buildingOf)];
      this.counters.add('hoist.trips', dims, day);
      this.counters.add('hoist.people', dims, day, t.people);
    }
  }
}
