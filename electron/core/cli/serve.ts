/**
 * Web console mode: the site core under plain Node, serving the console to browsers. This is how
 * the console runs where Electron cannot, and how extra wall screens on the LAN join.
 */
import { rendererDistDir } from '../app-paths.js';
import { PortInUseError } from '../api/http-server.js';
import { SiteCore } from '../site-core.js';
import { DataDirectoryError } from '../store/database.js';
import { parseServeArgs, SERVE_USAGE, UsageError } from './serve-options.js';

async function main(): Promise<void> {
  let options;
  try {
    options = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) process.stderr.write(`${error.message}\n\n`);
      process.stderr.write(`${SERVE_USAGE}\n`);
      process.exit(error.message ? 2 : 0);
    }
    throw error;
  }

  const core = new SiteCore({
    ...options,
    staticRoot: rendererDistDir(),
    adminPassword: process.env.SITE_COMMAND_ADMIN_PASSWORD,
    announce: (line) => process.stdout.write(`${line}\n`),
  });
  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    core.log.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    core.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await core.start();
  if (core.loaded.problems.length) {
    process.stderr.write(`The site file has problems; the console shows them until they are fixed:\n`);
    for (const p of core.loaded.problems) process.stderr.write(`  ${p.file}: ${p.field}: ${p.message}\n`);
  }
  process.stdout.write(`Site Command listening on ${core.url}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError || error instanceof DataDirectoryError) {
    process.stderr.write(`Site Command cannot start: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Site Command failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
