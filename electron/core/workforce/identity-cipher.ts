import { createHmac } from 'node:crypto';
import { maskNumber } from '../../common/workforce.js';
import { openAesGcm, sealAesGcm } from '../secrets/secret-sealer.js';

/** Vault names of the two workforce keys (DATA/secrets, sealed like every other secret). */
export const WORKFORCE_SEAL_KEY = 'workforce-identity-seal';
export const WORKFORCE_LOOKUP_KEY = 'workforce-identity-lookup';

const VERSION = 'wf1';

/** A personal number as the store keeps it: sealed, a keyed hash for look-ups, and the masked form. */
export interface SealedNumber {
  sealed: string;
  hash: string;
  masked: string;
}

/**
 * ID and bank-card numbers at rest: AES-256-GCM under one vault key (only the core can read them
 * back, for the roles allowed to reveal them), and an HMAC-SHA256 under another for look-ups and
 * uniqueness, so the store can find "this ID is already registered" or "this card is blacklisted"
 * without ever holding the number in clear. A plain SHA-256 would not do: 18-digit mainland IDs
 * have so little entropy (region, birth date, sequence) that an unkeyed hash is reversed by
 * enumeration in minutes.
 */
export class IdentityCipher {
  constructor(
    private readonly sealKey: Buffer,
    private readonly lookupKey: Buffer,
  ) {}

  static fromVault(vault: { getOrCreateKey(name: string, bytes?: number): Buffer }): IdentityCipher {
    return new IdentityCipher(vault.getOrCreateKey(WORKFORCE_SEAL_KEY, 32), vault.getOrCreateKey(WORKFORCE_LOOKUP_KEY, 32));
  }

  /** Numbers are compared upper-case without spaces: `11010519491231002x` is `…002X`. */
  static normalise(value: string): string {
    return value.replace(/\s+/g, '').toUpperCase();
  }

  seal(value: string): SealedNumber {
    const plain = IdentityCipher.normalise(value);
    return { sealed: sealAesGcm(this.sealKey, VERSION, plain), hash: this.hash(plain), masked: maskNumber(plain) };
  }

  /** The keyed hash of a number (an ID, a bank card, a gate card), for `WHERE …_hash = ?`. */
  hash(value: string): string {
    return createHmac('sha256', this.lookupKey).update(IdentityCipher.normalise(value)).digest('hex');
  }

  open(sealed: string): string {
    return openAesGcm(this.sealKey, VERSION, sealed, 'this number was sealed with another key or is damaged');
  }
}
