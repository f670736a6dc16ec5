import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The slice of Electron's safeStorage the shell uses (OS keychain: DPAPI, Keychain, libsecret). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/**
 * The key that seals camera passwords, kept encrypted by the OS keychain in `file` and returned
 * in base64 for the core child (which gets it over the fork IPC channel: the keychain can only
 * be called from the main process). Null when the keychain is not usable (on Linux without a
 * keyring safeStorage only obfuscates, backend 'basic_text'): the core then uses its key file.
 */
export function desktopVaultKey(file: string, safeStorage: SafeStorageLike, backend?: string): string | null {
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') return null;
  if (existsSync(file)) return safeStorage.decryptString(readFileSync(file));
  const key = randomBytes(32).toString('base64');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600, flag: 'wx' });
  return key;
}
