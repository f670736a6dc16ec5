import type { IntervalRecord } from '../../common/intervals.js';
import type { Logger } from '../log/logger.js';
import { BatchedWriter, type BatchedWriterOptions, type BatchedWriterStats } from './batched-writer.js';
import type { Database } from './database.js';

export type IntervalWriterOptions = BatchedWriterOptions;
/** `written` counts a re-sent record again: it replaced its copy. */
export type IntervalWriterStats = BatchedWriterStats;

/**
 * Stores interval records (HJ 212 minute, hour and day data) in `interval_aggregates`, batched
 * like TelemetryWriter (BatchedWriter: a transaction per batch, a bounded queue; a monitor's
 * backlog after an outage arrives as a burst). Each value is an UPSERT on (device, kind,
 * DataTime, code): a monitor that reconnects and re-sends its backlog leaves one row per pollutant
 * and interval, holding what it sent last (a monitor that re-validated an hour and re-sends it
 * with another flag is to be believed the second time).
 */
export class IntervalWriter extends BatchedWriter<IntervalRecord> {
  constructor(db: Database, log: Logger, options: IntervalWriterOptions = {}) {
    const upsert = db.prepare(
      `INSERT INTO interval_aggregates (device_id, kind, data_time, code, avg, min, max, cou, flag, received)
       VALUES (@deviceId, @kind, @dataTime, @code, @avg, @min, @max, @cou, @flag, @received)
       ON CONFLICT (device_id, kind, data_time, code) DO UPDATE SET
         avg = excluded.avg, min = excluded.min, max = excluded.max, cou = excluded.cou,
         flag = excluded.flag, received = excluded.received`,
    );
    const writeBatch = db.transaction((records: IntervalRecord[], received: number) => {
      for (const { deviceId, kind, dataTime, values } of records) {
        for (const v of values) upsert.run({ deviceId, kind, dataTime, code: v.code, avg: v.avg, min: v.min, max: v.max, cou: v.cou, flag: v.flag, received });
      }
    });
    super(db, log, writeBatch, 'interval data', { ...options, batchSize: options.batchSize ?? 200, maxQueued: options.maxQueued ?? 20_000 });
  }
}
