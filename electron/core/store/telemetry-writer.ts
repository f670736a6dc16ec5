import type { TelemetryRecord } from '../../common/telemetry.js';
import type { Logger } from '../log/logger.js';
import { BatchedWriter, type BatchedWriterOptions, type BatchedWriterStats } from './batched-writer.js';
import type { Database } from './database.js';
import { MinuteRollupWriter } from './rollups.js';

export type TelemetryWriterOptions = BatchedWriterOptions;
export type TelemetryWriterStats = BatchedWriterStats;

/**
 * Stores readings in `telemetry`, batched (BatchedWriter: hundreds of rows per transaction, a
 * bounded queue), with their 1-minute rollups in the same transaction.
 */
export class TelemetryWriter extends BatchedWriter<TelemetryRecord> {
  constructor(db: Database, log: Logger, options: TelemetryWriterOptions = {}) {
    const insert = db.prepare('INSERT INTO telemetry (device_id, kind, ts, received, payload) VALUES (?, ?, ?, ?, ?)');
    const rollups = new MinuteRollupWriter(db);
    // Raw rows and their 1-minute rollups commit together: a crash loses both or neither.
    const insertBatch = db.transaction((records: TelemetryRecord[], received: number) => {
      for (const r of records) insert.run(r.deviceId, r.kind, r.ts, received, JSON.stringify(r.values));
      rollups.add(records);
    });
    super(db, log, insertBatch, 'telemetry', { ...options, batchSize: options.batchSize ?? 500, maxQueued: options.maxQueued ?? 100_000 });
  }
}
