/**
 * The live side of the statistics: an ingest-pipeline observer (like the gates') that follows
 * cranes, hoists and every device's reporting, and queues finished lifts, hoist trips and online
 * time; `step` writes the queue in one transaction. The queue is bounded: past `MAX_QUEUED`
 * items the oldest are dropped and counted (the store's own writer would be stalled by then too).
 * A lift in progress when the core stops is not counted (its start is only in memory).
 */
import type { CraneTelemetry, HoistTelemetry, TelemetryRecord } from '../../common/telemetry.js';
import type { Database } from '../store/database.js';
import { siteLocal } from '../workforce/attendance-clock.js';
import { CraneCycleCounter, type CraneLift } from './crane-cycles.js';
import { DailyCounters } from './daily-counters.js';
import { HoistTripCounter, type HoistTrip } from './hoist-trips.js';
import { UptimeTracker, type OnlineSlice } from './uptime.js';

type Item = { lift: CraneLift } | { trip: HoistTrip } | { online: OnlineSlice };

export const MAX_QUEUED = 100_000;

export class EquipmentFold {
  private queue: Item[] = [];
  private readonly cranes = new CraneCycleCounter();
  private readonly hoists = new HoistTripCounter();
  private readonly uptime: UptimeTracker;
  private readonly lastOperator = new Map<string, { operatorId: string; at: number }>();
  private readonly counters: DailyCounters;
  private readonly insertLift;
  private readonly operatorBefore;
  private readonly write: (items: Item[]) => void;
  dropped = 0;

  constructor(
    db: Database,
    private readonly timeZone: () => string,
  ) {
    this.uptime = new UptimeTracker(timeZone);
    this.counters = new DailyCounters(db);
    this.insertLift = db.prepare(
      'INSERT INTO stat_lifts (device_id, operator_id, day, started_at, ended_at, peak_load_t, peak_moment_pct) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.operatorBefore = db.prepare<[string, number], { operator_id: string | null }>(
      'SELECT operator_id FROM stat_lifts WHERE device_id = ? AND started_at <= ? ORDER BY started_at DESC LIMIT 1',
    );
    this.write = db.transaction((items: Item[]) => {
      for (const item of items) this.writeItem(item);
      this.counters.flush();
    });
  }

  observe(record: TelemetryRecord): void {
    for (const slice of this.uptime.observe(record.deviceId, record.ts)) this.push({ online: slice });
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
    if (this.queue.length === 0) return 0;
    const items = this.queue;
    this.queue = [];
    this.write(items);
    return items.length;
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
      this.counters.add('crane.lifts', dims, day);
      this.counters.add('crane.liftSeconds', dims, day, (l.endedAt - l.startedAt) / 1000);
      this.counters.add('crane.peakLoadT', dims, day, l.peakLoadT);
    } else if ('trip' in item) {
      const t = item.trip;
      const day = siteLocal(t.startedAt, tz).day;
      this.counters.add('hoist.trips', [`device:${t.deviceId}`], day);
      this.counters.add('hoist.people', [`device:${t.deviceId}`], day, t.people);
    } else {
      const o = item.online;
      this.counters.add('device.onlineSeconds', [`device:${o.deviceId}`], o.day, o.seconds);
    }
  }
}
