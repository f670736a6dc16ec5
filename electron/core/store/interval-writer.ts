import type { IntervalRecord } from '../../common/intervals.js';
import type { Logger } from '../log/logger.js';
import type { Database } from './database.js';

export interface IntervalWriterOptions {
  /** Flush when this many records wait. A monitor's backlog after an outage arrives as a burst. */
  batchSize?: number;
  /** Flush at least this often, ms. */
  flushIntervalMs?: number;
  /** Records held while the database is busy; beyond this new ones are dropped and counted. */
  maxQueued?: number;
}

export interface IntervalWriterStats {
  /** Records written (a re-sent record counts again: it replaced its copy). */
  written: number;
  dropped: number;
  failedBatches: number;
  queued: number;
}

/**
 * Stores interval records (HJ 212 minute, hour and day data) in `interval_aggregates`, batched
 * into transactions like TelemetryWriter and with the same bounded queue. Each value is an UPSERT
 * on (device, kind, DataTime, code): a monitor that reconnects and re-sends its backlog leaves one
 * row per pollutant and interval, holding what it sent last (a monitor that re-validated an hour
 * and re-sends it with another flag is to be believed the second time).
 */
export class IntervalWriter {
  private queue: IntervalRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly stats: IntervalWriterStats = { written: 0, dropped: 0, failedBatches: 0, queued: 0 };
  private readonly writeBatch;
  private readonly batchSize: number;
  private readonly maxQueued: number;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    options: IntervalWriterOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.maxQueued = options.maxQueued ?? 20_000;
    const upsert = db.prepare(
      `INSERT INTO interval_aggregates (device_id, kind, data_time, code, avg, min, max, cou, flag, received)
       VALUES (@deviceId, @kind, @dataTime, @code, @avg, @min, @max, @cou, @flag, @received)
       ON CONFLICT (device_id, kind, data_time, code) DO UPDATE SET
         avg = excluded.avg, min = excluded.min, max = excluded.max, cou = excluded.cou,
         flag = excluded.flag, received = excluded.received`,
    );
    this.writeBatch = db.transaction((records: IntervalRecord[], received: number) => {
      for (const { deviceId, kind, dataTime, values } of records) {
        for (const v of values) upsert.run({ deviceId, kind, dataTime, code: v.code, avg: v.avg, min: v.min, max: v.max, cou: v.cou, flag: v.flag, received });
      }
    });
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 200);
    this.timer.unref();
  }

  /** Queues one record; false when the queue is full and it was dropped. */
  enqueue(record: IntervalRecord): boolean {
    if (this.queue.length >= this.maxQueued) {
      this.stats.dropped++;
      return false;
    }
    this.queue.push(record);
    if (this.queue.length >= this.batchSize) this.flush();
    return true;
  }

  flush(): void {
    if (this.queue.length === 0 || !this.db.open) return;
    const batch = this.queue;
    this.queue = [];
    try {
      this.writeBatch(batch, Date.now());
      this.stats.written += batch.length;
    } catch (error) {
      // Busy or full disk: keep the batch (up to the bound) for the next tick.
      this.stats.failedBatches++;
      const kept = batch.slice(0, Math.max(0, this.maxQueued - this.queue.length));
      this.stats.dropped += batch.length - kept.length;
      this.queue = kept.concat(this.queue);
      this.log.warn('interval data not written; will retry', { records: batch.length, error });
    }
  }

  getStats(): IntervalWriterStats {
    return { ...this.stats, queued: this.queue.length };
  }

  /** Writes what is queued and stops the timer. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.flush();
  }
}
