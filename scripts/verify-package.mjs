// `npm run verify-package -- FILE [--key PUBKEY.pem | --fingerprint HEX]`: builds if needed, then
// checks a data package offline (see electron/core/cli/verify-package.ts).
import { existsSync } from 'node:fs';
import { build } from './build.mjs';

const entry = new URL('../dist/electron/core/cli/verify-package.js', import.meta.url);
try {
  build({ quiet: existsSync(entry) });
} catch (error) {
  process.stderr.write(`Site Command cannot build the verifier: ${error.message}\n`);
  process.exit(2);
}
await import(entry.href);
