import { join } from 'node:path';
import { CredentialVault } from './credential-vault.js';
import { KeyFileSealer, type SecretSealer } from './secret-sealer.js';
import { SecretVault } from './secret-vault.js';

/** The core's two vaults over one sealer: camera credentials and other named secrets. */
export interface Vaults {
  sealer: SecretSealer;
  cameras: CredentialVault;
  secrets: SecretVault;
}

/**
 * Opens DATA/secrets with `sealer`, else a key file there (DATA/secrets/vault.key, created 0600;
 * one readable by group or others throws VaultKeyPermissionError, so `serve` exits 2 and says
 * what to do).
 */
export function openVaults(dataDir: string, sealer?: SecretSealer): Vaults {
  const dir = join(dataDir, 'secrets');
  const used = sealer ?? new KeyFileSealer(join(dir, 'vault.key'));
  return {
    sealer: used,
    cameras: new CredentialVault(join(dir, 'camera-credentials.json'), used),
    secrets: new SecretVault(join(dir, 'secrets.json'), used),
  };
}
