import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Database } from '../store/database.js';

const WORKER_URL = new URL('./import-checkpoint-worker.js', import.meta.url);

/** Page cache while an import writes, in KiB (negative: SQLite's unit for KiB). */
const IMPORT_CACHE_KIB = -512;

/** SQLite's default: checkpoint when the WAL passes 1,000 pages. */
const DEFAULT_AUTOCHECKPOINT = 1000;

/**
 * Runs `work` (a large write) with SQLite's automatic checkpoint off, then checkpoints in a worker
 * thread and turns it back on. Left on, the commit that ends a 50,000-row import would copy the
 * whole WAL into the database file on the core's thread (about a second with the event loop
 * stopped). Where the compiled worker is absent (tests run from sources) the next commit after
 * the import checkpoints as usual.
 */
export async function withDeferredCheckpoint<T>(db: Database, work: () => Promise<T>): Promise<T> {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  // A small page cache while the import writes: it spills to the WAL often and little at a time,
  // instead of seldom and a lot at once (each spill runs on the core's thread).
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    return await work();
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    await checkpointOffThread(db).catch(() => undefined);
    db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  }
}

function checkpointOffThread(db: Database): Promise<void> {
  if (!existsSync(fileURLToPath(WORKER_URL)) || db.memory) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { file: db.name } });
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', () => resolve());
  });
}
