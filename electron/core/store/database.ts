import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { loadSqlite } from '../../../native/sqlite.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Database = BetterSqlite3.Database;

export const DATABASE_FILE = 'site-command.db';

/** A data directory the core cannot use, with what is wrong in words. */
export class DataDirectoryError extends Error {
  constructor(dir: string, reason: string) {
    super(`Cannot use data directory ${dir}: ${reason}. Choose another with --data DIR.`);
    this.name = 'DataDirectoryError';
  }
}

/** Creates the data directory if needed and checks that it is a writable directory. */
export function prepareDataDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new DataDirectoryError(dir, fsReason(error));
  }
  try {
    if (!statSync(dir).isDirectory()) throw new DataDirectoryError(dir, 'it is a file, not a directory');
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch (error) {
    if (error instanceof DataDirectoryError) throw error;
    throw new DataDirectoryError(dir, fsReason(error));
  }
}

/**
 * Opens the site database in WAL mode (readers never block the ingest writer) and migrates it.
 * `synchronous=NORMAL` in WAL keeps the database consistent after a power cut or SIGKILL; at
 * most the last transactions not yet checkpointed to the OS are lost, which is the batch in flight.
 */
export function openDatabase(dataDir: string, migrations: Migration[] = MIGRATIONS): Database {
  const Sqlite = loadSqlite();
  const db = new Sqlite(join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // A reader (history query, backup) may hold the lock briefly; wait rather than fail.
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

export function migrate(db: Database, migrations: Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new Error(`The database is schema version ${current}, newer than this Site Command knows (${latest}). Use a newer version.`);
  }
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/** Clean shutdown: fold the WAL into the main file so the next start (or a copy of the file) is complete. */
export function closeDatabase(db: Database): void {
  if (!db.open) return;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a directory';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOSPC') return 'the disk is full';
  return (error as Error).message;
}
