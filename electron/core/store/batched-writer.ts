import type { Logger } from '../log/logger.js';
import type { Database } from './database.js';

export interface BatchedWriterOptions {
  /** Flush when this many items wait (one transaction each). */
  batchSize?: number;
  /** Flush at least this often, ms. Bounds what a SIGKILL can lose. */
  flushIntervalMs?: number;
  /** Items held while the disk is slow or the database busy; beyond this new ones are dropped and counted. */
  maxQueued?: number;
}

export interface BatchedWriterStats {
  written: number;
  dropped: number;
  failedBatches: number;
  queued: number;
}

/**
 * Batches items into one transaction per batch (one row per transaction would cap ingest near the
 * disk's fsync rate). The queue is bounded: a stalled disk costs items, counted and logged, never
 * the process's memory. A failed batch (busy database, full disk) goes back on the queue, up to
 * the bound, for the next tick. Subclasses give the transaction that writes one batch.
 */
export class BatchedWriter<T> {
  private queue: T[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly stats: BatchedWriterStats = { written: 0, dropped: 0, failedBatches: 0, queued: 0 };
  private readonly batchSize: number;
  private readonly maxQueued: number;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    /** Writes one batch in one transaction; `received` is the batch's arrival stamp. */
    private readonly writeBatch: (batch: T[], received: number) => void,
    /** What a batch holds, for the retry warning ('telemetry', 'interval data'). */
    private readonly what: string,
    options: BatchedWriterOptions & { batchSize: number; maxQueued: number },
  ) {
    this.batchSize = options.batchSize;
    this.maxQueued = options.maxQueued;
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 200);
    this.timer.unref();
  }

  /** Queues one item; false when the queue is full and it was dropped. */
  enqueue(item: T): boolean {
    if (this.queue.length >= this.maxQueued) {
      this.stats.dropped++;
      return false;
    }
    this.queue.push(item);
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
      // Busy or full disk: put the batch back (up to the bound) and try again on the next tick.
      this.stats.failedBatches++;
      const kept = batch.slice(0, Math.max(0, this.maxQueued - this.queue.length));
      this.stats.dropped += batch.length - kept.length;
      this.queue = kept.concat(this.queue);
      this.log.warn(`${this.what} batch not written; will retry`, { items: batch.length, error });
    }
  }

  getStats(): BatchedWriterStats {
    return { ...this.stats, queued: this.queue.length };
  }

  /** Writes what is queued and stops the timer. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.flush();
  }
}
