// `npm run supervise -- [command] [flags]`: builds if needed, then runs the supervision service
// (electron/supervision/cli.ts: the uplink consumer into PostgreSQL and the authority console).
import { build } from './build.mjs';

try {
  build();
} catch (error) {
  process.stderr.write(`The supervision service cannot start: ${error.message}\n`);
  process.exit(1);
}
await import('../dist/electron/supervision/cli.js');
