import type { HistoryPoint, HistorySeries } from '../../common/api.js';
import type { Database } from './database.js';
import type { MetricRef } from './metrics.js';
import { MINUTE_MS } from './rollups.js';

/** Windows up to this long are drawn from raw readings (an hour chart at full resolution). */
export const RAW_WINDOW_MAX_MS = 2 * 3600_000;
export const DEFAULT_MAX_POINTS = 500;

/** Bucket widths a chart axis reads well; the smallest that keeps the series within maxPoints wins. */
const NICE_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400].map((s) => s * 1000);
const DAY_MS = 86_400_000;

/**
 * The bucket width for a window: buckets are aligned to multiples of the width (UTC epoch), so a
 * window spans at most window/width + 1 of them; a width ≥ window / (maxPoints − 1) keeps that
 * within maxPoints. Never below `floorMs` (a minute, when the source is the minute rollups).
 */
export function bucketWidth(windowMs: number, maxPoints: number, floorMs: number): number {
  const needed = Math.max(floorMs, windowMs / Math.max(1, maxPoints - 1));
  const nice = NICE_STEPS_MS.find((step) => step >= needed);
  return nice ?? Math.ceil(needed / DAY_MS) * DAY_MS;
}

export interface HistoryRequest {
  deviceId: string;
  /** The metric's name as asked for, echoed back. */
  metric: string;
  ref: MetricRef;
  /** UTC epoch ms, inclusive. */
  from: number;
  to: number;
  maxPoints: number;
}

export interface HistoryQueryOptions {
  /** How long raw readings are kept (retention); older windows can only come from rollups. */
  rawKeptMs: number;
}

/**
 * Chart series for one device's metric: raw readings for short windows, the minute rollups
 * re-bucketed in SQL for long ones, so a week (10,080 rollup rows) or a month is one indexed
 * range scan on the rollup table's primary key and at most maxPoints rows come back.
 */
export class HistoryQuery {
  private readonly fromRaw;
  private readonly fromRawPoint;
  private readonly fromRollups;

  constructor(
    db: Database,
    private readonly options: HistoryQueryOptions,
  ) {
    // Integer division groups timestamps into aligned buckets; the (device_id, ts) index bounds the scan.
    const raw = (pointFilter: string) =>
      db.prepare<Record<string, unknown>, HistoryPoint>(
        `SELECT (ts / CAST(@bucket AS INTEGER)) * CAST(@bucket AS INTEGER) AS t,
                min(v) AS min, max(v) AS max, avg(v) AS avg, count(v) AS count
           FROM (SELECT ts, json_extract(payload, @path) AS v FROM telemetry
                  WHERE device_id = @deviceId AND ts >= @from AND ts <= @to ${pointFilter})
          WHERE v IS NOT NULL
          GROUP BY t ORDER BY t`,
      );
    this.fromRaw = raw('');
    this.fromRawPoint = raw(`AND json_extract(payload, '$.pointId') = @pointId`);
    // Minutes merge exactly: min of mins, max of maxes, sum of sums over sum of counts.
    this.fromRollups = db.prepare<Record<string, unknown>, HistoryPoint>(
      `SELECT (minute / CAST(@bucket AS INTEGER)) * CAST(@bucket AS INTEGER) AS t,
              min(min) AS min, max(max) AS max, sum(sum) / sum(count) AS avg, sum(count) AS count
         FROM telemetry_minute
        WHERE device_id = @deviceId AND metric = @metric AND minute >= @from AND minute <= @to
        GROUP BY t ORDER BY t`,
    );
  }

  series(request: HistoryRequest, now = Date.now()): HistorySeries {
    const { deviceId, metric, ref, from, to, maxPoints } = request;
    const windowMs = to - from;
    const rawAvailable = from >= now - this.options.rawKeptMs;
    const source: HistorySeries['source'] = windowMs <= RAW_WINDOW_MAX_MS && rawAvailable ? 'raw' : 'rollup';
    const bucketMs = bucketWidth(windowMs, maxPoints, source === 'raw' ? 1 : MINUTE_MS);
    // Widen the window to whole buckets so the first and last points are complete.
    const alignedFrom = Math.floor(from / bucketMs) * bucketMs;
    let points: HistoryPoint[];
    if (source === 'raw') {
      const params = { bucket: bucketMs, path: `$.${ref.field}`, deviceId, from: alignedFrom, to };
      points = ref.pointId === undefined ? this.fromRaw.all(params) : this.fromRawPoint.all({ ...params, pointId: ref.pointId });
    } else {
      points = this.fromRollups.all({ bucket: bucketMs, deviceId, metric, from: alignedFrom, to });
    }
    return { deviceId, metric, from, to, bucketMs, source, points };
  }
}
