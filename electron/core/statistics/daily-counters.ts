import type { Database } from '../store/database.js';

/**
 * Adds to `stat_daily` counters: values are gathered in memory by (metric, dim, day) and written
 * as one UPSERT per group inside the caller's transaction, so a fold of 5,000 audit rows costs a
 * few hundred statements, and a crash loses the counters and the watermark together or neither.
 */
export class DailyCounters {
  private readonly pending = new Map<string, { metric: string; dim: string; day: string; count: number; sum: number; min: number; max: number }>();
  private readonly upsert;

  constructor(db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO stat_daily (metric, dim, day, count, sum, min, max) VALUES (@metric, @dim, @day, @count, @sum, @min, @max)
       ON CONFLICT (metric, dim, day) DO UPDATE SET count = count + excluded.count, sum = sum + excluded.sum,
         min = min(coalesce(min, excluded.min), excluded.min), max = max(coalesce(max, excluded.max), excluded.max)`,
    );
  }

  /** One observation of `value` (1 for a plain count) under each of `dims`. */
  add(metric: string, dims: readonly string[], day: string, value = 1): void {
    for (const dim of dims) {
      const key = `${metric}\u0000${dim}\u0000${day}`;
      const g = this.pending.get(key);
      if (!g) this.pending.set(key, { metric, dim, day, count: 1, sum: value, min: value, max: value });
      else {
        g.count++;
        g.sum += value;
        g.min = Math.min(g.min, value);
        g.max = Math.max(g.max, value);
      }
    }
  }

  /** Writes what was added. Call inside the fold's transaction. */
  flush(): void {
    for (const g of this.pending.values()) this.upsert.run(g);
    this.pending.clear();
  }
}

/**
 * The `building:ID` dimensions of the devices given (each building once: a collision between two
 * cranes of one building is one event there). Folded with the mapping in force when the row is
 * folded; a device moved to another building later keeps its past counts where they were.
 */
export function buildingDims(deviceIds: readonly string[], buildingOf: (id: string) => string | null): string[] {
  const out = new Set<string>();
  for (const id of deviceIds) {
    const b = buildingOf(id);
    if (b) out.add(`building:${b}`);
  }
  return [...out];
}

/** Reads and moves the folds' watermarks (in the fold's own transaction). */
export class Watermarks {
  private readonly read;
  private readonly write;

  constructor(db: Database) {
    this.read = db.prepare<[string], { value: number }>('SELECT value FROM stat_watermarks WHERE name = ?');
    this.write = db.prepare('INSERT INTO stat_watermarks (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
  }

  get(name: string): number | null {
    return this.read.get(name)?.value ?? null;
  }

  set(name: string, value: number): void {
    this.write.run(name, value);
  }
}
