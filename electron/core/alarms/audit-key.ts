/**
 * The key of the audit chain's HMAC (audit-chain.ts). Whoever holds the database file but not
 * this key cannot rewrite a row and recompute the chain after it.
 */

/** Where the audit chain's 32-byte HMAC key comes from (a vault); the same key on every call. */
export interface AuditKeySource {
  auditKey(): Buffer;
}

/** The vault entry that holds the audit key (base64 of 32 random bytes, made on first use). */
export const AUDIT_KEY_SECRET = 'audit-chain-hmac';

/**
 * The audit key from the site's vault (DATA/secrets, sealed by the OS keychain in the desktop app
 * or a 0600 key file otherwise): outside the database, so whoever copies or edits the database
 * file can neither recompute the chain nor replace the key with one of their own.
 */
export function vaultAuditKey(vault: { getOrCreateKey(name: string, bytes?: number): Buffer }): AuditKeySource {
  let key: Buffer | null = null;
  return { auditKey: () => (key ??= vault.getOrCreateKey(AUDIT_KEY_SECRET, 32)) };
}

/** A fixed key, for tests and tools that were handed the key. */
export function fixedAuditKey(key: Buffer): AuditKeySource {
  return { auditKey: () => key };
}
