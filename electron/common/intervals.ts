/**
 * Interval data: the minute, hour and day aggregates an HJ 212-2017 monitor uploads besides its
 * real-time readings (CN 2051, 2061, 2031). They describe a past interval, not the air now, so
 * they are kept apart from telemetry: they never become a device's current values and never feed
 * the real-time alarm rules. Regional dust rules (Hebei DB13/2934, Wuhan) judge hourly means, which
 * is why these records are kept at all.
 */

export const INTERVAL_KINDS = ['minute', 'hour', 'day'] as const;

/** Which interval an aggregate covers: minute (CN 2051), hour (CN 2061) or day (CN 2031). */
export type IntervalKind = (typeof INTERVAL_KINDS)[number];

/**
 * One pollutant's aggregate over one interval, as the monitor sent it, in the pollutant's unit
 * (particulates µg/m³, noise dB(A), temperature °C, humidity %, wind m/s and degrees). A field the
 * monitor did not send is null. Only flag `N` (or no flag) marks a valid measurement; other HJ 212
 * data flags (M maintenance, C calibration, D fault, F stopped…) are stored as sent, so that
 * statistics can leave those values out knowingly.
 */
export interface IntervalValue {
  /** Pollutant code as sent: `a34002` PM10, `a34004` PM2.5, `a34001` TSP, `LA`/`Leq`/`a50001` noise… */
  code: string;
  avg: number | null;
  min: number | null;
  max: number | null;
  /** Cumulative amount over the interval (`Cou`), where the pollutant has one. */
  cou: number | null;
  flag: string | null;
}

/** One device's aggregates over one interval. */
export interface IntervalRecord {
  deviceId: string;
  kind: IntervalKind;
  /**
   * The record's DataTime as UTC epoch ms (the monitor's wall clock read in the site's time zone).
   * Kept as the monitor stamps it, not realigned: monitors stamp the interval's start (14:00:00
   * for the hour 14:00–15:00).
   */
  dataTime: number;
  values: IntervalValue[];
}

/** `GET /api/devices/:id/intervals`: one device's records of one kind over a window of DataTimes. */
export interface IntervalQuery {
  id: string;
  kind: IntervalKind;
  /** ISO-8601, inclusive; default `to` minus INTERVAL_DEFAULT_RANGE_MS of the kind. */
  from?: string;
  /** ISO-8601, inclusive; default now. */
  to?: string;
}

export interface IntervalSeries {
  deviceId: string;
  kind: IntervalKind;
  /** The window asked for, UTC epoch ms, inclusive on DataTime. */
  from: number;
  to: number;
  /** Oldest first; each with when the core last received it (a re-send replaces the earlier copy). */
  records: (Omit<IntervalRecord, 'deviceId' | 'kind'> & { receivedAt: number })[];
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Longest window one request may ask for: 2,880 intervals of each kind (2 days of minute data,
 * 120 days of hour data, about 8 years of day data). With the ten or so codes a dust monitor
 * sends, an answer stays under ~30,000 values; longer reviews page through windows.
 */
export const INTERVAL_MAX_RANGE_MS: Readonly<Record<IntervalKind, number>> = {
  minute: 2 * DAY_MS,
  hour: 120 * DAY_MS,
  day: 2880 * DAY_MS,
};

/** Window when `from` is not given: the last day of minute data, the last week of hour data, the last 31 days of day data. */
export const INTERVAL_DEFAULT_RANGE_MS: Readonly<Record<IntervalKind, number>> = {
  minute: DAY_MS,
  hour: 7 * DAY_MS,
  day: 31 * DAY_MS,
};
