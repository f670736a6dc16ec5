import type { IntervalQuery, IntervalSeries } from '../intervals.js';
import type { TelemetryRecord } from '../telemetry.js';
import type { RouteSpec } from './route-spec.js';

export interface TelemetryQuery {
  deviceId: string;
  /** ISO-8601; default 1 hour before `to`. */
  from?: string;
  /** ISO-8601; default now. */
  to?: string;
  /** At most this many newest readings; default 5,000, max 50,000. */
  limit?: number;
}

/** One chart series request: a device's metric over a window. */
export interface HistoryQuery {
  deviceId: string;
  /** A numeric field of the device's readings (`loadT`, `pm10`…); ranging stations: `distanceM:POINT`. */
  metric: string;
  /** ISO-8601; default 1 hour before `to`. */
  from?: string;
  /** ISO-8601; default now. */
  to?: string;
  /** At most this many points; default 500, 2–5,000. */
  maxPoints?: number;
}

/** One bucket of a history series: the metric's min, max and mean over `count` readings, in the metric's unit. */
export interface HistoryPoint {
  /** UTC epoch ms of the bucket's start (buckets are aligned to multiples of `bucketMs`). */
  t: number;
  min: number;
  max: number;
  avg: number;
  count: number;
}

export interface HistorySeries {
  deviceId: string;
  metric: string;
  /** The window asked for, UTC epoch ms (the first bucket may start before `from`). */
  from: number;
  to: number;
  /** Width of each point's bucket, ms. */
  bucketMs: number;
  /** `raw`: readings (windows up to 2 h); `rollup`: 1-minute rollups merged into buckets. */
  source: 'raw' | 'rollup';
  /** Buckets with data only, oldest first; a gap in the data is a gap in `t`. */
  points: HistoryPoint[];
}

/** Stored readings: raw telemetry, chart series and a monitor's own interval aggregates. */
export interface TelemetryApi {
  getTelemetry(query: TelemetryQuery): Promise<TelemetryRecord[]>;
  /** Min/max/avg series of one metric for charts (hour, day, week…); 404 unknown device, 400 unknown metric. */
  getHistory(query: HistoryQuery): Promise<HistorySeries>;
  /**
   * A monitor's own minute, hour or day aggregates (HJ 212 CN 2051/2061/2031), kept apart from its
   * real-time readings (common/intervals.ts); 404 unknown device, 400 bad kind or window.
   */
  getDeviceIntervals(query: IntervalQuery): Promise<IntervalSeries>;
}

export const TELEMETRY_ROUTES = {
  getTelemetry: { verb: 'GET', path: '/api/telemetry/:deviceId', auth: true },
  getHistory: { verb: 'GET', path: '/api/history/:deviceId/:metric', auth: true },
  getDeviceIntervals: { verb: 'GET', path: '/api/devices/:id/intervals', auth: true },
} as const satisfies Record<keyof TelemetryApi, RouteSpec>;
