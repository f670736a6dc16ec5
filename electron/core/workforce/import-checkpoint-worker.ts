/**
 * Worker-thread entry: folds the WAL into the database file from a connection of its own, so the
 * checkpoint after a large import (tens of MB of WAL) costs the core's event loop nothing. A
 * PASSIVE checkpoint never blocks the core's readers and writers (SQLite WAL, "Checkpointing").
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadSqlite } from '../../../native/sqlite.js';

const Sqlite = loadSqlite();
const db = new Sqlite((workerData as { file: string }).file);
try {
  db.pragma('busy_timeout = 5000');
  parentPort!.postMessage(db.pragma('wal_checkpoint(PASSIVE)'));
} finally {
  db.close();
}
