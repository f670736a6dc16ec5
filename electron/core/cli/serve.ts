/**
 * Web console mode: the site core under plain Node, serving the console to browsers. This is how
 * the console runs where Electron cannot, and how extra wall screens on the LAN join. The core
 * runs in a supervised child process (core-child.ts): a fault in it restarts it within seconds.
 */
import { join } from 'node:path';
import { defaultDataDir } from '../app-paths.js';
import { coreConfigOf } from '../supervisor/core-config.js';
import { CoreStartError, CoreSupervisor } from '../supervisor/core-supervisor.js';
import { readCommandLine } from './parse-or-exit.js';
import { startNotices } from './start-notices.js';

const outcome = readCommandLine(process.argv.slice(2));
if (!outcome.ok) {
  (outcome.exitCode ? process.stderr : process.stdout).write(outcome.message);
  process.exit(outcome.exitCode);
}
const options = outcome.options;
const notices = startNotices(options);
for (const line of notices.warnings) process.stderr.write(`${line}\n`);

const supervisor = new CoreSupervisor({
  entry: join(import.meta.dirname, 'core-child.js'),
  config: coreConfigOf(options, { defaultDataDir: defaultDataDir(process.env), env: process.env }),
  onAnnounce: (line) => process.stdout.write(`${line}\n`),
  onRestart: (reason, delayMs) => process.stderr.write(`Site Command core ${reason}; restarting in ${(delayMs / 1000).toFixed(1)} s\n`),
  // Test knob, never set in an installation: the test harness starts ~85 cores, and each one's warm
  // spare (loaded 3 s after start) costs seconds of CPU the test waits behind on a 2-core machine.
  // Only the tests that kill the core child (and so measure the spare's quick restart) keep it.
  ...(process.env.SITE_COMMAND_TEST_NO_WARM_SPARE === '1' ? { warmSpare: false } : {}),
});

let shuttingDown = false;
const shutdown = () => {
  if (shuttingDown) return;
  shuttingDown = true;
  supervisor.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

try {
  const info = await supervisor.start();
  for (const line of notices.afterStart(info)) process.stdout.write(`${line}\n`);
  if (info.problems.length) {
    process.stderr.write(`The site file has problems; the console shows them until they are fixed:\n`);
    for (const p of info.problems) process.stderr.write(`  ${p}\n`);
  }
  process.stdout.write(`Site Command listening on ${info.url}\n`);
} catch (error) {
  if (error instanceof CoreStartError) {
    process.stderr.write(`Site Command cannot start: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Site Command failed to start: ${(error as Error).message}\n`);
  process.exit(1);
}
