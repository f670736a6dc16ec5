import { randomBytes } from 'node:crypto';
import { SealedFile } from './sealed-file.js';
import type { SecretSealer } from './secret-sealer.js';

/**
 * Names of the secrets the core keeps besides camera credentials. One definition, so the API
 * handlers and the services that read them agree.
 */
export const secretNames = {
  /** Password this core signs in with to another project's core (federation). */
  federationPassword: (projectId: string) => `federation/${projectId}/password`,
  /** Password of a panorama capture device's HTTP basic auth. */
  panoramaDevicePassword: (deviceId: string) => `panorama-device/${deviceId}/password`,
} as const;

/**
 * Named secrets (passwords of other systems, keys the core makes for itself), sealed at rest
 * with the same sealer as camera credentials, in DATA/secrets/secrets.json. Values never leave
 * the core through the API or a log line.
 */
export class SecretVault {
  private readonly store: SealedFile;

  constructor(
    file: string,
    private readonly sealer: SecretSealer,
  ) {
    this.store = new SealedFile(file);
  }

  get(name: string): string | null {
    const sealed = this.store.get(name);
    return sealed === undefined ? null : this.sealer.open(sealed);
  }

  has(name: string): boolean {
    return this.store.has(name);
  }

  set(name: string, value: string): void {
    this.store.set(name, this.sealer.seal(value));
  }

  delete(name: string): void {
    this.store.delete(name);
  }

  /**
   * A random key of `bytes` bytes kept under `name`, made on first use (e.g. the audit chain's
   * HMAC key): the same key on every later call and after a restart.
   */
  getOrCreateKey(name: string, bytes = 32): Buffer {
    const existing = this.get(name);
    if (existing !== null) {
      const key = Buffer.from(existing, 'base64');
      if (key.length === bytes) return key;
      throw new Error(`the vault's key "${name}" is ${key.length} bytes, not ${bytes}`);
    }
    const key = randomBytes(bytes);
    this.set(name, key.toString('base64'));
    return key;
  }
}
