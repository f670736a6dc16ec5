// `npm run serve -- [flags]`: builds if needed, then runs the site core under plain Node and
// serves the console to browsers (see electron/core/cli/serve.ts for the flags).
import { build } from './build.mjs';
import { ensureSqliteForNode } from './native-check.mjs';

try {
  build();
  ensureSqliteForNode();
} catch (error) {
  process.stderr.write(`Site Command cannot start: ${error.message}\n`);
  process.exit(1);
}
await import('../dist/electron/core/cli/serve.js');
