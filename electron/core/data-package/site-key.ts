/**
 * The site's signing key: an Ed25519 key pair (RFC 8032) made on first use and kept sealed in the
 * site's secrets vault (never in the database, never in an API answer or log line). Only the
 * public half leaves the site: admins read it through the API and register it with the authority
 * (the supervision platform's `sites.public_key`), which then checks packages against it.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { groupFingerprint, type SiteSigningKey } from '../../common/data-package.js';
import { keyFingerprint, publicKeyPem } from './signing.js';

/** The vault entry that holds the private key (PKCS #8 PEM). */
export const SIGNING_KEY_SECRET = 'data-package/site-signing-key';

export interface KeyVault {
  get(name: string): string | null;
  set(name: string, value: string): void;
}

export class SiteSigningKeys {
  private keys: { privateKey: KeyObject; publicKey: KeyObject } | null = null;

  constructor(private readonly vault: KeyVault) {}

  /** The key pair, made and sealed on first use; the same pair after a restart. */
  pair(): { privateKey: KeyObject; publicKey: KeyObject } {
    if (this.keys) return this.keys;
    const stored = this.vault.get(SIGNING_KEY_SECRET);
    if (stored !== null) {
      const privateKey = createPrivateKey(stored);
      if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the vault's "${SIGNING_KEY_SECRET}" is not an Ed25519 key`);
      this.keys = { privateKey, publicKey: createPublicKey(privateKey) };
      return this.keys;
    }
    const made = generateKeyPairSync('ed25519');
    this.vault.set(SIGNING_KEY_SECRET, made.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    this.keys = made;
    return made;
  }

  view(siteId: string): SiteSigningKey {
    const { publicKey } = this.pair();
    const fingerprint = keyFingerprint(publicKey);
    return { siteId, algorithm: 'Ed25519', publicKeyPem: publicKeyPem(publicKey), fingerprint, fingerprintGrouped: groupFingerprint(fingerprint) };
  }
}
