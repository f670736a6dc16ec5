import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

export type SqliteConstructor = typeof BetterSqlite3;

/**
 * Loads better-sqlite3's native addon with an error a person can act on. The addon is built per
 * runtime: under plain Node by `npm ci`, and for Electron's ABI by `native/rebuild-for-electron.mjs`
 * (run by electron-builder's `beforeBuild` hook and by `npm start` when Electron is present).
 */
export function loadSqlite(): SqliteConstructor {
  const require = createRequire(import.meta.url);
  try {
    return require('better-sqlite3') as SqliteConstructor;
  } catch (error) {
    const message = (error as Error).message;
    const hint = /NODE_MODULE_VERSION|was compiled against a different/.test(message)
      ? 'it was built for another Node/Electron version; run `npm rebuild better-sqlite3`'
      : 'run `npm ci` (it builds the addon; needs python3, make and g++)';
    throw new Error(`SQLite (better-sqlite3) could not be loaded: ${hint}. Cause: ${message.split('\n')[0]}`);
  }
}
