import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import { closeDatabase, type Database } from '../store/database.js';
import { IntervalWriter } from '../store/interval-writer.js';
import { RetentionService, type RetentionOptions } from '../store/retention.js';
import { TelemetryWriter } from '../store/telemetry-writer.js';

/** The store's parts: the batched writers, the database as a service, and retention. */
export interface StoreWiring {
  writer: TelemetryWriter;
  intervalWriter: IntervalWriter;
  /** Register first: on stop, the writers flush what they hold, then the file is closed. */
  service: Service;
  /** Register right after `service`, so it stops before the database closes. */
  retention: RetentionService;
}

export function wireStore(db: Database, log: Logger, retention: Partial<RetentionOptions> | undefined): StoreWiring {
  const writer = new TelemetryWriter(db, log.child('store'));
  const intervalWriter = new IntervalWriter(db, log.child('store'));
  return {
    writer,
    intervalWriter,
    service: storeService(db, [writer, intervalWriter]),
    retention: new RetentionService(db, log.child('retention'), retention),
  };
}

/** The database as a service: on stop, the writers flush what they hold, then the file is closed. */
function storeService(db: Database, writers: { close(): void }[]): Service {
  return {
    name: 'store',
    required: true,
    start: async () => undefined,
    stop: async () => {
      for (const writer of writers) writer.close();
      closeDatabase(db);
    },
  };
}
