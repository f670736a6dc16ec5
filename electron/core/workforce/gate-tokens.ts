import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SecretVault } from '../secrets/secret-vault.js';

/** Vault name of a gate's push token. */
export const gateTokenSecret = (gateId: string): string => `gate/${gateId}/push-token`;

/**
 * Push tokens of turnstiles. A turnstile cannot log in as a person does (no one types a password
 * at it, and a session expires), so each gate device gets a long random token made by an admin
 * (`issueGateToken`), shown once, kept sealed in the vault; it authorises pushes for that gate
 * only. Issuing a new one revokes the old. Compared in constant time over SHA-256 digests.
 */
export class GateTokens {
  constructor(private readonly vault: SecretVault) {}

  issue(gateId: string): string {
    const token = randomBytes(24).toString('base64url');
    this.vault.set(gateTokenSecret(gateId), token);
    return token;
  }

  /** Whether `token` is the current push token of `gateId`. */
  allows(gateId: string, token: string | null): boolean {
    if (!token || token.length > 256) return false;
    const expected = this.vault.get(gateTokenSecret(gateId));
    if (!expected) return false;
    return timingSafeEqual(digest(token), digest(expected));
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
