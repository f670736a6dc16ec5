import type { SecretSealer } from '../core/secrets/secret-sealer.js';

/** The slice of Electron's safeStorage the shell uses (OS keychain: DPAPI, Keychain, libsecret). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/**
 * Camera passwords sealed by the OS keychain when Electron offers it; otherwise null and the core
 * falls back to its key file (on Linux without a keyring safeStorage may only obfuscate, so it is
 * not used when the backend is 'basic_text').
 */
export function safeStorageSealer(safeStorage: SafeStorageLike, backend?: string): SecretSealer | null {
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') return null;
  return {
    kind: 'safeStorage',
    seal: (plain) => `ss1:${safeStorage.encryptString(plain).toString('base64')}`,
    open: (sealed) => {
      if (!sealed.startsWith('ss1:')) throw new Error('not sealed by safeStorage');
      return safeStorage.decryptString(Buffer.from(sealed.slice(4), 'base64'));
    },
  };
}
