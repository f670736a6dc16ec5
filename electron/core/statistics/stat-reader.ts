/**
 * Reads the daily counters over a period: one range scan of `stat_daily`'s key (metric, dim, day)
 * per figure, summed per dimension or per day and dimension. A month of a busy site is a few
 * thousand rows, whatever the raw telemetry holds.
 */
import type { Database } from '../store/database.js';

export interface Sums {
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
}

export class StatReader {
  private readonly byDim;
  private readonly byDayDim;

  constructor(readonly db: Database) {
    this.byDim = db.prepare<[string, string, string, string, string], Sums & { dim: string }>(
      `SELECT dim, sum(count) AS count, sum(sum) AS sum, min(min) AS min, max(max) AS max FROM stat_daily
        WHERE metric = ? AND dim >= ? AND dim < ? AND day >= ? AND day <= ? GROUP BY dim`,
    );
    this.byDayDim = db.prepare<[string, string, string, string, string], Sums & { dim: string; day: string }>(
      `SELECT dim, day, count, sum, min, max FROM stat_daily
        WHERE metric = ? AND dim >= ? AND dim < ? AND day >= ? AND day <= ?`,
    );
  }

  /** Per dimension with `prefix` (e.g. `device:`), keyed by the rest of the dim. */
  perDim(metric: string, prefix: string, from: string, to: string): Map<string, Sums> {
    const out = new Map<string, Sums>();
    for (const row of this.byDim.all(metric, prefix, prefixEnd(prefix), from, to)) out.set(row.dim.slice(prefix.length), row);
    return out;
  }

  /** Per day and dimension with `prefix`: `day → rest of dim → sums`. */
  perDayDim(metric: string, prefix: string, from: string, to: string): Map<string, Map<string, Sums>> {
    const out = new Map<string, Map<string, Sums>>();
    for (const row of this.byDayDim.all(metric, prefix, prefixEnd(prefix), from, to)) {
      let day = out.get(row.day);
      if (!day) out.set(row.day, (day = new Map()));
      day.set(row.dim.slice(prefix.length), row);
    }
    return out;
  }
}

/** The first string after every string starting with `prefix` (for a range scan). */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
