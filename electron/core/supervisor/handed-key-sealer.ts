import { openAesGcm, sealAesGcm, type SecretSealer } from '../secrets/secret-sealer.js';

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
    return sealAesGcm(this.key, 'ks1', plain);
  }

  open(sealed: string): string {
    return openAesGcm(this.key, 'ks1', sealed, 'not sealed with the desktop keychain key');
  }
}
