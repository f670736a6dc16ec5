/**
 * Rolling means over the last N minutes with bounded memory: one bucket (sum, count) per minute
 * in a ring of `maxMinutes` slots, so a 24-hour window of a monitor reporting every second costs
 * 1,440 buckets, not 86,400 samples.
 *
 * A window mean is the mean of the minute means (each minute with data weighs the same), the
 * way an hourly value is formed from minute values in HJ 212 data; a burst of fast reports in one
 * minute cannot outweigh the rest of the hour. Buckets are whole UTC minutes, so a window's edge
 * moves in one-minute steps.
 */
export interface WindowMean {
  mean: number;
  /** Minutes in the window that had data (coverage). */
  minutes: number;
}

const MINUTE_MS = 60_000;

export class RollingWindow {
  private readonly minuteOf: Float64Array;
  private readonly sums: Float64Array;
  private readonly counts: Uint32Array;
  /**
   * The sum of minute means of the window's *completed* minutes changes only when a minute rolls
   * over or a late sample lands in an older minute; every reading (1 Hz per monitor, several
   * windows each) would otherwise rescan the whole ring. Bumped on those events; the cache below
   * is valid while it is unchanged.
   */
  private version = 0;
  private lastAddedMinute = Number.NaN;
  private cache = { first: Number.NaN, last: Number.NaN, version: -1, total: 0, minutes: 0 };

  constructor(readonly maxMinutes: number) {
    if (!Number.isInteger(maxMinutes) || maxMinutes < 1) throw new RangeError('maxMinutes must be a positive integer');
    this.minuteOf = new Float64Array(maxMinutes).fill(-1);
    this.sums = new Float64Array(maxMinutes);
    this.counts = new Uint32Array(maxMinutes);
  }

  /** Adds a sample at `ts` (UTC epoch ms). A sample older than the ring reaches is ignored (false). */
  add(ts: number, value: number): boolean {
    if (!Number.isFinite(value)) return false;
    const minute = Math.floor(ts / MINUTE_MS);
    const slot = minute % this.maxMinutes;
    const held = this.minuteOf[slot] ?? -1;
    if (held > minute) return false; // the slot already holds a newer minute: this sample is too old
    if (minute !== this.lastAddedMinute) {
      this.version++;
      this.lastAddedMinute = minute;
    }
    if (held !== minute) {
      // Evict whatever older minute shared this slot.
      this.minuteOf[slot] = minute;
      this.sums[slot] = 0;
      this.counts[slot] = 0;
    }
    this.sums[slot] = (this.sums[slot] ?? 0) + value;
    this.counts[slot] = (this.counts[slot] ?? 0) + 1;
    return true;
  }

  /** Mean over the `spanMinutes` whole minutes ending with the one containing `now`; null without data. */
  mean(now: number, spanMinutes: number): WindowMean | null {
    const last = Math.floor(now / MINUTE_MS);
    const first = last - Math.min(spanMinutes, this.maxMinutes) + 1;
    const c = this.cache;
    if (c.first !== first || c.last !== last || c.version !== this.version) {
      // Completed minutes first … last−1 (the current minute is added below, fresh each time).
      let total = 0;
      let minutes = 0;
      for (let slot = 0; slot < this.maxMinutes; slot++) {
        const minute = this.minuteOf[slot] ?? -1;
        const count = this.counts[slot] ?? 0;
        if (minute < first || minute >= last || count === 0) continue;
        total += (this.sums[slot] ?? 0) / count;
        minutes++;
      }
      this.cache = { first, last, version: this.version, total, minutes };
    }
    let total = this.cache.total;
    let minutes = this.cache.minutes;
    const slot = last % this.maxMinutes;
    const count = this.counts[slot] ?? 0;
    if (this.minuteOf[slot] === last && count > 0) {
      total += (this.sums[slot] ?? 0) / count;
      minutes++;
    }
    return minutes === 0 ? null : { mean: total / minutes, minutes };
  }

  /** Minute buckets currently holding data (for tests and memory checks). */
  bucketCount(): number {
    let n = 0;
    for (let slot = 0; slot < this.maxMinutes; slot++) if ((this.counts[slot] ?? 0) > 0) n++;
    return n;
  }
}
