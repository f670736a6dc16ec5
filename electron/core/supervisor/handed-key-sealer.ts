import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretSealer } from '../secrets/secret-sealer.js';

/**
 * Seals camera passwords with a key the desktop app's main process keeps in the OS keychain
 * (Electron safeStorage) and hands to the core child over the fork IPC channel: the keychain can
 * only be called from main, and the core, out of process, cannot call back synchronously. Same
 * AES-256-GCM format as the key-file sealer, under its own version tag so the two never mix.
 */
export class HandedKeySealer implements SecretSealer {
  readonly kind = 'safeStorage-key';
  private readonly key: Buffer;

  constructor(keyBase64: string) {
    this.key = Buffer.from(keyBase64, 'base64');
    if (this.key.length !== 32) throw new Error('the vault key handed over by the desktop app is not 32 bytes');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['ks1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== 'ks1' || !iv || !tag || body === undefined) throw new Error('not sealed with the desktop keychain key');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }
}
