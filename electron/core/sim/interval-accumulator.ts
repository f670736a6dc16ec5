/** Running min / max / sum of one field over one interval. */
export interface FieldStats {
  min: number;
  max: number;
  sum: number;
  count: number;
}

/** A finished interval: its HJ 212 DataTime (its start, local wall clock) and each field's stats. */
export interface FinishedInterval {
  cn: '2051' | '2061';
  dataTime: string;
  fields: Map<string, FieldStats>;
}

/** Minute (CN 2051) and hour (CN 2061) intervals, keyed by the prefix of the local `yyyyMMddHHmmss` they share. */
const INTERVALS = [
  { cn: '2051', keyLength: 12 },
  { cn: '2061', keyLength: 10 },
] as const;

/**
 * What a real HJ 212 dust monitor does besides its real-time frames: aggregates its readings over
 * each minute and each hour and, when the interval is over, uploads the means with their min and
 * max (CN 2051, 2061). Intervals are cut on the monitor's local wall clock (`yyyyMMddHHmmss`), so a
 * site in a half-hour time zone still gets hours that start at :00 local time.
 */
export class IntervalAccumulator {
  private readonly open = INTERVALS.map(() => ({ key: '', fields: new Map<string, FieldStats>() }));

  /** Adds one reading taken at local time `dataTime`; returns the intervals it closed. */
  add(dataTime: string, values: Readonly<Record<string, number | undefined>>): FinishedInterval[] {
    const finished: FinishedInterval[] = [];
    INTERVALS.forEach((interval, i) => {
      const open = this.open[i]!;
      const key = dataTime.slice(0, interval.keyLength);
      if (open.key !== key) {
        if (open.key && open.fields.size > 0) finished.push({ cn: interval.cn, dataTime: open.key.padEnd(14, '0'), fields: open.fields });
        open.key = key;
        open.fields = new Map();
      }
      for (const [field, value] of Object.entries(values)) {
        if (typeof value !== 'number' || !Number.isFinite(value)) continue;
        const stats = open.fields.get(field);
        if (stats) {
          stats.min = Math.min(stats.min, value);
          stats.max = Math.max(stats.max, value);
          stats.sum += value;
          stats.count++;
        } else open.fields.set(field, { min: value, max: value, sum: value, count: 1 });
      }
    });
    return finished;
  }
}
