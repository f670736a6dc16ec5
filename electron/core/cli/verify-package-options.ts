/** `verify-package FILE [--key PUBKEY.pem | --fingerprint HEX]`: the command line, parsed. */
export interface VerifyPackageOptions {
  file: string;
  keyFile?: string;
  fingerprint?: string;
}

export const VERIFY_PACKAGE_USAGE = `Usage: npm run verify-package -- FILE [--key PUBKEY.pem | --fingerprint HEX]

Checks a Site Command data package offline: every file's SHA-256 against the manifest, no file
missing or extra, the Ed25519 signature, and the alarm audit rows' chain.
  --key PUBKEY.pem     the site's public key as registered with the authority (SPKI PEM)
  --fingerprint HEX    or its registered fingerprint (SHA-256 of the key's DER, 64 hex digits)
Without either, the signature is checked with the key inside the package, which proves the
package is whole but not who made it.
Exit status: 0 valid, 1 invalid (the reasons are printed), 2 usage error.`;

/** The options, or a usage problem (a sentence). */
export function parseVerifyPackageArgs(argv: string[]): VerifyPackageOptions | { problem: string } | 'help' {
  const o: Partial<VerifyPackageOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--key' || arg === '--fingerprint') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) return { problem: `${arg} needs a value` };
      if (arg === '--key') o.keyFile = value;
      else if (!/^[0-9a-fA-F]{64}$/.test(value.replace(/[\s:]/g, ''))) return { problem: '--fingerprint takes 64 hex digits (spaces or colons between groups are fine)' };
      else o.fingerprint = value;
      continue;
    }
    if (arg.startsWith('--')) return { problem: `unknown option ${arg}` };
    if (o.file) return { problem: `one package at a time (got "${o.file}" and "${arg}")` };
    o.file = arg;
  }
  if (!o.file) return { problem: 'name the package file to check' };
  if (o.keyFile && o.fingerprint) return { problem: 'give --key or --fingerprint, not both' };
  return o as VerifyPackageOptions;
}
