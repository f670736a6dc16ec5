import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataDirectoryError } from '../store/database.js';

/**
 * Encrypts secrets (camera passwords) at rest. The Electron shell supplies one backed by the OS
 * keychain (safeStorage); elsewhere `KeyFileSealer` uses a random key in a file only the user can read.
 */
export interface SecretSealer {
  readonly kind: string;
  seal(plain: string): string;
  open(sealed: string): string;
}

/**
 * The vault key file can be read by someone other than the core's user. Refused at start (the
 * CLI exits 2, like any unusable data folder) rather than quietly tightened: the key may already
 * have been copied, and every secret sealed with it, which only the operator can judge.
 */
export class VaultKeyPermissionError extends DataDirectoryError {
  constructor(keyFile: string, mode: number) {
    super(
      dirname(keyFile),
      `the vault key ${keyFile} can be read by group or others (mode ${(mode & 0o777).toString(8).padStart(4, '0')}). ` +
        `If nobody else could have copied it, run "chmod 600 ${keyFile}"; otherwise delete it and set the camera, ` +
        `federation and panorama-device passwords again`,
    );
    this.name = 'VaultKeyPermissionError';
  }
}

/** AES-256-GCM with a 32-byte key kept in `keyFile` (created 0600 on first use; a looser mode is refused). */
export class KeyFileSealer implements SecretSealer {
  readonly kind = 'key-file';
  private readonly key: Buffer;

  constructor(keyFile: string) {
    if (!existsSync(keyFile)) {
      mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
      writeFileSync(keyFile, randomBytes(32), { mode: 0o600, flag: 'wx' });
    }
    const mode = statSync(keyFile).mode;
    if (mode & 0o077) throw new VaultKeyPermissionError(keyFile, mode);
    this.key = readFileSync(keyFile);
    if (this.key.length !== 32) throw new Error(`secret key file ${keyFile} is damaged (expected 32 bytes)`);
  }

  seal(plain: string): string {
    return sealAesGcm(this.key, 'v1', plain);
  }

  open(sealed: string): string {
    return openAesGcm(this.key, 'v1', sealed, 'not a sealed secret');
  }
}

/**
 * AES-256-GCM under `key` as `VERSION:iv:tag:ciphertext` (base64 parts): the one format of every
 * sealer, each with its own version tag so text sealed under one key is never tried with another.
 */
export function sealAesGcm(key: Buffer, version: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [version, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

/** Opens what `sealAesGcm(key, version, …)` sealed; `notMine` is the error for another version or a malformed text. */
export function openAesGcm(key: Buffer, version: string, sealed: string, notMine: string): string {
  const [tagged, iv, tag, body] = sealed.split(':');
  if (tagged !== version || !iv || !tag || body === undefined) throw new Error(notMine);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}
