import type { TelemetryRecord } from '../../common/telemetry.js';
import type { Logger } from '../log/logger.js';
import type { Database } from './database.js';
import { MinuteRollupWriter } from './rollups.js';

export interface TelemetryWriterOptions {
  /** Flush when this many readings wait (one transaction each). */
  batchSize?: number;
  /** Flush at least this often, ms. Bounds what a SIGKILL can lose. */
  flushIntervalMs?: number;
  /** Readings held while the disk is slow or the database busy; beyond this new ones are dropped and counted. */
  maxQueued?: number;
}

export interface TelemetryWriterStats {
  written: number;
  dropped: number;
  failedBatches: number;
  queued: number;
}

/**
 * Batches readings into transactions of hundreds of rows (one row per transaction would cap
 * ingest near the disk's fsync rate). The queue is bounded: a stalled disk costs readings, counted
 * and logged, never the process's memory.
 */
export class TelemetryWriter {
  private queue: TelemetryRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly stats: TelemetryWriterStats = { written: 0, dropped: 0, failedBatches: 0, queued: 0 };
  private readonly insert;
  private readonly insertBatch;
  private readonly batchSize: number;
  private readonly maxQueued: number;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    options: TelemetryWriterOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.maxQueued = options.maxQueued ?? 100_000;
    const flushIntervalMs = options.flushIntervalMs ?? 200;
    this.insert = db.prepare('INSERT INTO telemetry (device_id, kind, ts, received, payload) VALUES (?, ?, ?, ?, ?)');
    const rollups = new MinuteRollupWriter(db);
    // Raw rows and their 1-minute rollups commit together: a crash loses both or neither.
    this.insertBatch = db.transaction((records: TelemetryRecord[], received: number) => {
      for (const r of records) this.insert.run(r.deviceId, r.kind, r.ts, received, JSON.stringify(r.values));
      rollups.add(records);
    });
    this.timer = setInterval(() => this.flush(), flushIntervalMs);
    this.timer.unref();
  }

  /** Queues one reading; false when the queue is full and it was dropped. */
  enqueue(record: TelemetryRecord): boolean {
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
      this.insertBatch(batch, Date.now());
      this.stats.written += batch.length;
    } catch (error) {
      // Busy or full disk: put the batch back (up to the bound) and try again on the next tick.
      this.stats.failedBatches++;
      const room = Math.max(0, this.maxQueued - this.queue.length);
      const kept = batch.slice(0, room);
      this.stats.dropped += batch.length - kept.length;
      this.queue = kept.concat(this.queue);
      this.log.warn('telemetry batch not written; will retry', { rows: batch.length, error });
    }
  }

  getStats(): TelemetryWriterStats {
    return { ...this.stats, queued: this.queue.length };
  }

  /** Writes what is queued and stops the timer. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.flush();
  }
}
