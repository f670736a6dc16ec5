/**
 * Device uptime from the readings themselves: the time between two consecutive readings counts
 * as online when the gap is at most `maxGapMs` (a monitor that reports every few seconds and went
 * quiet for longer was offline in between). Online time is split at the site's midnight, so a
 * device online across 00:00 gets its seconds on both days. Offline time is the day's elapsed
 * time minus online time (computed on query).
 */
import { siteInstant, siteLocal } from '../workforce/attendance-clock.js';

/** Two minutes: a few missed reports of a 1 Hz–30 s device are not an outage. */
export const DEFAULT_MAX_GAP_MS = 120_000;

export interface OnlineSlice {
  deviceId: string;
  day: string;
  seconds: number;
}

export class UptimeTracker {
  private readonly lastAt = new Map<string, number>();
  /** The site day of each device's last slice and the instants it spans (saves the zone look-ups at 1 Hz). */
  private readonly dayOf = new Map<string, { day: string; start: number; end: number }>();

  constructor(
    private readonly timeZone: () => string,
    private readonly maxGapMs = DEFAULT_MAX_GAP_MS,
  ) {}

  /**
   * The online time since the device's previous reading, per site day (empty after a long gap;
   * `onOffline` then hears of the gap: from the last reading before it to this one).
   */
  observe(deviceId: string, ts: number, onOffline?: (from: number, to: number) => void): OnlineSlice[] {
    const last = this.lastAt.get(deviceId);
    if (last !== undefined && ts <= last) return [];
    this.lastAt.set(deviceId, ts);
    if (last === undefined) return [];
    if (ts - last > this.maxGapMs) {
      onOffline?.(last, ts);
      return [];
    }
    const known = this.dayOf.get(deviceId);
    if (known && last >= known.start && ts <= known.end) return [{ deviceId, day: known.day, seconds: (ts - last) / 1000 }];
    const tz = this.timeZone();
    const slices = splitByDay(deviceId, last, ts, tz);
    const day = slices[slices.length - 1]!.day;
    this.dayOf.set(deviceId, { day, start: siteInstant(day, 0, tz), end: siteInstant(day, 1440, tz) });
    return slices;
  }
}

/** [from, to) cut at site midnights. */
export function splitByDay(deviceId: string, from: number, to: number, timeZone: string): OnlineSlice[] {
  const out: OnlineSlice[] = [];
  let start = from;
  while (start < to) {
    const { day } = siteLocal(start, timeZone);
    const nextMidnight = siteInstant(day, 1440, timeZone);
    const end = Math.min(to, nextMidnight);
    out.push({ deviceId, day, seconds: (end - start) / 1000 });
    start = end;
  }
  return out;
}
