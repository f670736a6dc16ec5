/**
 * The key of the audit chain's HMAC (audit-chain.ts). Whoever holds the database file but not
 * this key cannot rewrite a row and recompute the chain after it.
 */
import { randomBytes } from 'node:crypto';
import type { SecretSealer } from '../secrets/secret-sealer.js';
import type { Database } from '../store/database.js';

/** Where the audit chain's 32-byte HMAC key comes from (a vault); the same key on every call. */
export interface AuditKeySource {
  auditKey(): Buffer;
}

/**
 * A random 32-byte key made on first use and stored sealed (table `audit_key`) by the site's
 * secret sealer: the OS keychain in the desktop app, a 0600 key file in DATA/secrets otherwise.
 * The sealed text in the database is useless without the sealer's key, which is not in it.
 */
export class SealedAuditKey implements AuditKeySource {
  private key: Buffer | null = null;

  constructor(
    private readonly db: Database,
    private readonly sealer: SecretSealer,
  ) {}

  auditKey(): Buffer {
    if (this.key) return this.key;
    const row = this.db.prepare<[], { sealed: string }>('SELECT sealed FROM audit_key WHERE id = 1').get();
    if (row) {
      const key = Buffer.from(this.sealer.open(row.sealed), 'base64');
      if (key.length !== 32) throw new Error('the audit key in the database is damaged (expected 32 bytes)');
      this.key = key;
      return key;
    }
    const key = randomBytes(32);
    this.db.prepare('INSERT INTO audit_key (id, sealed, created_at) VALUES (1, ?, ?)').run(this.sealer.seal(key.toString('base64')), Date.now());
    this.key = key;
    return key;
  }
}

/** A fixed key, for tests and tools that were handed the key. */
export function fixedAuditKey(key: Buffer): AuditKeySource {
  return { auditKey: () => key };
}
