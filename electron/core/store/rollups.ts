import type { TelemetryRecord } from '../../common/telemetry.js';
import type { Database } from './database.js';
import { forEachMetric } from './metrics.js';

/** Rollup bucket: one minute of UTC epoch time. */
export const MINUTE_MS = 60_000;

/** Start of the minute holding `ts` (UTC epoch ms). */
export function minuteOf(ts: number): number {
  return Math.floor(ts / MINUTE_MS) * MINUTE_MS;
}

/** Min/max/sum/count of one metric of one device over one minute (avg = sum / count). */
export interface MinuteAggregate {
  deviceId: string;
  metric: string;
  /** UTC epoch ms of the minute's start. */
  minute: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/**
 * Folds a batch of readings into per-(device, metric, minute) aggregates first, so a batch costs
 * one UPSERT per group rather than one per reading and metric (a 1 Hz crane gives 8 metrics × 60
 * readings a minute; a batch of 500 from a few devices collapses to a few dozen groups).
 */
export function aggregateByMinute(records: readonly TelemetryRecord[]): MinuteAggregate[] {
  const groups = new Map<string, MinuteAggregate>();
  for (const record of records) {
    const minute = minuteOf(record.ts);
    forEachMetric(record, (metric, value) => {
      const key = `${record.deviceId}\u0000${metric}\u0000${minute}`;
      const group = groups.get(key);
      if (!group) {
        groups.set(key, { deviceId: record.deviceId, metric, minute, count: 1, sum: value, min: value, max: value });
        return;
      }
      group.count++;
      group.sum += value;
      if (value < group.min) group.min = value;
      if (value > group.max) group.max = value;
    });
  }
  return [...groups.values()];
}

/**
 * Keeps `telemetry_minute` up to date. `add` must run inside the transaction that inserts the raw
 * rows (TelemetryWriter does), so a crash loses raw rows and their rollups together or not at all.
 */
export class MinuteRollupWriter {
  private readonly upsert;

  constructor(db: Database) {
    // Late readings (a device replaying its buffer) land in their own past minute and merge.
    this.upsert = db.prepare(
      `INSERT INTO telemetry_minute (device_id, metric, minute, count, sum, min, max)
       VALUES (@deviceId, @metric, @minute, @count, @sum, @min, @max)
       ON CONFLICT (device_id, metric, minute) DO UPDATE SET
         count = count + excluded.count,
         sum   = sum + excluded.sum,
         min   = min(min, excluded.min),
         max   = max(max, excluded.max)`,
    );
  }

  /** Adds a batch of readings to their minutes. Call inside the raw insert's transaction. */
  add(records: readonly TelemetryRecord[]): void {
    for (const group of aggregateByMinute(records)) this.upsert.run(group);
  }
}
