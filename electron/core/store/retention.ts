import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import type { Database } from './database.js';

const DAY_MS = 86_400_000;

/** How long telemetry and HJ 212 interval data are kept and how they are pruned. */
export interface RetentionOptions {
  /** Raw readings, days. */
  rawDays: number;
  /** 1-minute rollups, days; also HJ 212 minute and hour data (interval_aggregates). */
  rollupDays: number;
  /** HJ 212 day data (CN 2031), days. */
  dayIntervalDays: number;
  /** Rows deleted per transaction: small, so the ingest writer (same connection, same thread) waits at most a few ms. */
  batchRows: number;
  /** Sweep period, ms; one sweep also runs at start. */
  intervalMs: number;
}

/**
 * The one place the defaults live. Site policy, not a standard: 30 days of raw 1 Hz readings
 * cover any incident review (about 2.6 M rows per device); two years of minute rollups cover a
 * project's whole build for trend charts (about 1 M rows per metric per device, ~50 bytes each).
 * HJ 212 minute and hour data are kept as long as the rollups (the same span of the same kind of
 * figure). Day data are kept ten years: they are what yearly compliance counts are made from and
 * may be asked for after the project ends, and they cost about 4,000 rows per pollutant per decade.
 */
export const DEFAULT_RETENTION: RetentionOptions = {
  rawDays: 30,
  rollupDays: 2 * 365,
  dayIntervalDays: 10 * 365,
  batchRows: 5_000,
  intervalMs: 10 * 60_000,
};

export interface RetentionSweep {
  rawDeleted: number;
  rollupsDeleted: number;
  intervalsDeleted: number;
  batches: number;
  ms: number;
}

/**
 * Deletes telemetry and interval data past their retention in small batches, yielding to the
 * event loop between batches so telemetry flushes and API calls interleave with a long first
 * sweep. Every delete is a range on an existing primary key or index (no extra index slows
 * ingest): devices, device/metric and device/kind pairs are found by skipping through the index
 * one key at a time.
 */
export class RetentionService implements Service {
  readonly name = 'retention';
  readonly required = false;
  readonly options: RetentionOptions;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RetentionSweep> | null = null;
  private stopped = false;
  private readonly nextDevice;
  private readonly deleteRaw;
  private readonly nextSeries;
  private readonly rollupBound;
  private readonly deleteRollupsTo;
  private readonly deleteRollupsBefore;
  private readonly nextIntervalSeries;
  private readonly intervalBound;
  private readonly deleteIntervalsTo;
  private readonly deleteIntervalsBefore;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    options: Partial<RetentionOptions> = {},
  ) {
    this.options = { ...DEFAULT_RETENTION, ...options };
    this.nextDevice = db.prepare<[string], { device_id: string }>('SELECT device_id FROM telemetry WHERE device_id > ? ORDER BY device_id LIMIT 1');
    this.deleteRaw = db.prepare(
      'DELETE FROM telemetry WHERE rowid IN (SELECT rowid FROM telemetry WHERE device_id = ? AND ts < ? ORDER BY ts LIMIT ?)',
    );
    this.nextSeries = db.prepare<[string, string], { device_id: string; metric: string }>(
      'SELECT device_id, metric FROM telemetry_minute WHERE (device_id, metric) > (?, ?) ORDER BY device_id, metric LIMIT 1',
    );
    // Minutes are unique per series, so "up to the batchRows-th old minute" deletes exactly one batch.
    this.rollupBound = db.prepare<[string, string, number, number], { minute: number }>(
      'SELECT minute FROM telemetry_minute WHERE device_id = ? AND metric = ? AND minute < ? ORDER BY minute LIMIT 1 OFFSET ?',
    );
    this.deleteRollupsTo = db.prepare('DELETE FROM telemetry_minute WHERE device_id = ? AND metric = ? AND minute <= ?');
    this.deleteRollupsBefore = db.prepare('DELETE FROM telemetry_minute WHERE device_id = ? AND metric = ? AND minute < ?');
    // Interval data the same way, by (device, kind). A DataTime holds one row per pollutant, so a
    // batch may run over batchRows by the codes of its last interval (a dozen rows).
    this.nextIntervalSeries = db.prepare<[string, string], { device_id: string; kind: string }>(
      'SELECT device_id, kind FROM interval_aggregates WHERE (device_id, kind) > (?, ?) ORDER BY device_id, kind LIMIT 1',
    );
    this.intervalBound = db.prepare<[string, string, number, number], { data_time: number }>(
      'SELECT data_time FROM interval_aggregates WHERE device_id = ? AND kind = ? AND data_time < ? ORDER BY data_time LIMIT 1 OFFSET ?',
    );
    this.deleteIntervalsTo = db.prepare('DELETE FROM interval_aggregates WHERE device_id = ? AND kind = ? AND data_time <= ?');
    this.deleteIntervalsBefore = db.prepare('DELETE FROM interval_aggregates WHERE device_id = ? AND kind = ? AND data_time < ?');
  }

  async start(): Promise<void> {
    this.stopped = false;
    // First sweep right after start, not during it: start-up should not wait on a backlog.
    setImmediate(() => void this.sweep());
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One pass over all devices; concurrent calls share the pass in progress. */
  sweep(now = Date.now()): Promise<RetentionSweep> {
    this.running ??= this.sweepOnce(now).finally(() => (this.running = null));
    return this.running;
  }

  private async sweepOnce(now: number): Promise<RetentionSweep> {
    const started = performance.now();
    const result: RetentionSweep = { rawDeleted: 0, rollupsDeleted: 0, intervalsDeleted: 0, batches: 0, ms: 0 };
    const rawCutoff = now - this.options.rawDays * DAY_MS;
    const rollupCutoff = now - this.options.rollupDays * DAY_MS;
    const dayIntervalCutoff = now - this.options.dayIntervalDays * DAY_MS;
    const batch = this.options.batchRows;
    try {
      for (let d = this.nextDevice.get(''); d && this.live(); d = this.nextDevice.get(d.device_id)) {
        for (;;) {
          const deleted = this.deleteRaw.run(d.device_id, rawCutoff, batch).changes;
          result.rawDeleted += deleted;
          if (deleted > 0) result.batches++;
          if (deleted < batch || !this.live()) break;
          await yieldToEventLoop();
        }
      }
      for (let s = this.nextSeries.get('', ''); s && this.live(); s = this.nextSeries.get(s.device_id, s.metric)) {
        for (;;) {
          const bound = this.rollupBound.get(s.device_id, s.metric, rollupCutoff, batch - 1);
          const deleted = bound
            ? this.deleteRollupsTo.run(s.device_id, s.metric, bound.minute).changes
            : this.deleteRollupsBefore.run(s.device_id, s.metric, rollupCutoff).changes;
          result.rollupsDeleted += deleted;
          if (deleted > 0) result.batches++;
          if (!bound || !this.live()) break;
          await yieldToEventLoop();
        }
      }
      for (let s = this.nextIntervalSeries.get('', ''); s && this.live(); s = this.nextIntervalSeries.get(s.device_id, s.kind)) {
        const cutoff = s.kind === 'day' ? dayIntervalCutoff : rollupCutoff;
        for (;;) {
          const bound = this.intervalBound.get(s.device_id, s.kind, cutoff, batch - 1);
          const deleted = bound
            ? this.deleteIntervalsTo.run(s.device_id, s.kind, bound.data_time).changes
            : this.deleteIntervalsBefore.run(s.device_id, s.kind, cutoff).changes;
          result.intervalsDeleted += deleted;
          if (deleted > 0) result.batches++;
          if (!bound || !this.live()) break;
          await yieldToEventLoop();
        }
      }
    } catch (error) {
      // A busy or closing database: try again next period.
      this.log.warn('retention sweep stopped early', { error, ...result });
    }
    result.ms = Math.round(performance.now() - started);
    if (result.rawDeleted > 0 || result.rollupsDeleted > 0 || result.intervalsDeleted > 0) {
      this.log.info('retention: deleted old telemetry', {
        rawDeleted: result.rawDeleted,
        rollupsDeleted: result.rollupsDeleted,
        intervalsDeleted: result.intervalsDeleted,
        batches: result.batches,
        ms: result.ms,
        rawDays: this.options.rawDays,
        rollupDays: this.options.rollupDays,
        dayIntervalDays: this.options.dayIntervalDays,
      });
    }
    return result;
  }

  private live(): boolean {
    return !this.stopped && this.db.open;
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
