import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openVaults } from '../../../electron/core/secrets/open-vaults.js';
import { KeyFileSealer, VaultKeyPermissionError } from '../../../electron/core/secrets/secret-sealer.js';
import { SecretVault, secretNames } from '../../../electron/core/secrets/secret-vault.js';
import { moveSiteFilePasswords } from '../../../electron/core/secrets/site-file-passwords.js';
import { DataDirectoryError } from '../../../electron/core/store/database.js';
import { siteSchema } from '../../../electron/core/config/site-schema.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

afterAll(removeTempDirs);

describe('vault key file', () => {
  it('is created 0600', () => {
    const key = join(tempDir(), 'secrets', 'vault.key');
    new KeyFileSealer(key);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(readFileSync(key).length).toBe(32);
  });

  it('readable by group or others is refused with what to do (a data-folder error: serve exits 2)', () => {
    const key = join(tempDir(), 'vault.key');
    new KeyFileSealer(key);
    for (const mode of [0o640, 0o604, 0o644]) {
      chmodSync(key, mode);
      let error: unknown;
      try {
        new KeyFileSealer(key);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(VaultKeyPermissionError);
      expect(error).toBeInstanceOf(DataDirectoryError);
      expect((error as Error).message).toContain(`chmod 600 ${key}`);
      expect((error as Error).message).toContain(mode.toString(8));
      // Refused, not quietly fixed: the operator must judge whether the key was copied.
      expect(statSync(key).mode & 0o777).toBe(mode);
    }
    chmodSync(key, 0o600);
    expect(() => new KeyFileSealer(key)).not.toThrow();
  });
});

describe('SecretVault', () => {
  it('seals named secrets at rest, reopens them with the same key, and keeps a made key stable', () => {
    const dir = tempDir();
    const vaults = openVaults(dir);
    vaults.secrets.set(secretNames.federationPassword('b'), 'peer-Password-1');
    const key = vaults.secrets.getOrCreateKey('audit/hmac');
    expect(key.length).toBe(32);
    const file = readFileSync(join(dir, 'secrets', 'secrets.json'), 'utf8');
    expect(file).not.toContain('peer-Password-1');
    expect(file).not.toContain(key.toString('base64'));
    expect(statSync(join(dir, 'secrets', 'secrets.json')).mode & 0o777).toBe(0o600);

    const again = openVaults(dir);
    expect(again.secrets.get(secretNames.federationPassword('b'))).toBe('peer-Password-1');
    expect(again.secrets.getOrCreateKey('audit/hmac').equals(key)).toBe(true);
    expect(again.secrets.get('nothing')).toBeNull();
    expect(again.secrets.has('__proto__')).toBe(false);
    expect(() => again.secrets.getOrCreateKey('audit/hmac', 16)).toThrow(/32 bytes, not 16/);
  });

  it('another key cannot open the secrets', () => {
    const dir = tempDir();
    const vault = new SecretVault(join(dir, 's.json'), new KeyFileSealer(join(dir, 'k1')));
    vault.set('x', 'secret');
    expect(() => new SecretVault(join(dir, 's.json'), new KeyFileSealer(join(dir, 'k2'))).get('x')).toThrow();
  });
});

describe('passwords in the site file', () => {
  const site = siteSchema.parse({
    id: 's',
    name: 'S',
    devices: [],
    federation: { projects: [{ id: 'b', name: 'B', enterprise: 'E', latDeg: 30, lonDeg: 114, url: 'https://10.0.0.2:8420', username: 'viewer', password: 'in-the-file' }] },
    panoramas: { devices: [{ id: 'cam360', url: 'http://10.0.0.3/latest.jpg', username: 'u', password: 'device-pw' }] },
  });

  it('move into the vault once and are reported until removed; one set later in the console wins', () => {
    const vault = openVaults(tempDir()).secrets;
    const problems = moveSiteFilePasswords(site, '/site/site.json', vault);
    expect(problems.map((p) => p.field)).toEqual(['federation.projects.0.password', 'panoramas.devices.0.password']);
    expect(problems[0]!.message).toMatch(/moved into the encrypted vault; remove it from the site file/);
    expect(JSON.stringify(problems)).not.toContain('in-the-file');
    expect(vault.get(secretNames.federationPassword('b'))).toBe('in-the-file');
    expect(vault.get(secretNames.panoramaDevicePassword('cam360'))).toBe('device-pw');

    vault.set(secretNames.federationPassword('b'), 'set-in-console');
    expect(moveSiteFilePasswords(site, '/site/site.json', vault)).toHaveLength(2);
    expect(vault.get(secretNames.federationPassword('b'))).toBe('set-in-console');
  });

  it('certSha256 must be a SHA-256 fingerprint', () => {
    const project = (certSha256: string) => ({ id: 'b', name: 'B', enterprise: 'E', latDeg: 0, lonDeg: 0, url: 'https://x:1', certSha256 });
    const ok = 'AB:'.repeat(31) + 'CD';
    expect(siteSchema.safeParse({ id: 's', name: 'S', devices: [], federation: { projects: [project(ok)] } }).success).toBe(true);
    expect(siteSchema.safeParse({ id: 's', name: 'S', devices: [], federation: { projects: [project('AB:CD')] } }).success).toBe(false);
  });
});

