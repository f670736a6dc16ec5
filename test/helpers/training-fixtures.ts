import { closeDatabase, openDatabase } from '../../electron/core/store/database.js';
import { openVaults } from '../../electron/core/secrets/open-vaults.js';
import { IdentityCipher } from '../../electron/core/workforce/identity-cipher.js';
import { WorkforceStore } from '../../electron/core/workforce/workforce-store.js';
import { seedWorkforce, testIdNumber } from './workforce-fixtures.js';

/** A worker as a phone identifies: ID number and the phone on file. */
export interface SeededPhoneWorker {
  id: number;
  idNumber: string;
  phone: string;
}

/**
 * Registers `count` workers (no induction yet) in a data folder before a core starts on it, with
 * the folder's own vault keys, so the core finds them by ID number: phones `1380000NNNN`.
 */
export function seedWorkersForCore(dataDir: string, count: number): SeededPhoneWorker[] {
  const db = openDatabase(dataDir);
  try {
    const store = new WorkforceStore(db, IdentityCipher.fromVault(openVaults(dataDir).secrets));
    const { workers } = seedWorkforce(store, { count, induction: false });
    return workers.map((id, i) => ({ id, idNumber: testIdNumber(i), phone: `1380000${String(i).padStart(4, '0')}` }));
  } finally {
    closeDatabase(db);
  }
}

/** The keyed hash the core keeps of a one-time code (to plant an expired one in a test). */
export function codeHashFor(dataDir: string, code: string): string {
  return IdentityCipher.fromVault(openVaults(dataDir).secrets).hash(`worker-code:${code}`);
}
