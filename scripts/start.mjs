// `npm start`: the desktop console. Opens the Electron window when the Electron runtime is
// installed; where it is not (its download is blocked: offline mirrors, CI), says so plainly and
// falls back to the web console on loopback, printing the URL to open.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { ensureSqliteForElectron, ensureSqliteForNode } from './native-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/** The Electron binary's path, or the reason there is none. */
export function findElectron() {
  if (process.env.SITE_COMMAND_NO_ELECTRON === '1') return { ok: false, reason: 'disabled by SITE_COMMAND_NO_ELECTRON=1' };
  try {
    // The electron package exports the binary's path, and throws when its download never happened.
    const binary = require('electron');
    if (typeof binary !== 'string') return { ok: false, reason: 'the electron package did not give a binary path' };
    const probe = spawnSync(binary, ['--version'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8', timeout: 15_000 });
    if (probe.status !== 0) return { ok: false, reason: `the Electron binary does not run here (${(probe.stderr || probe.error?.message || '').trim().split('\n')[0]})` };
    return { ok: true, binary };
  } catch (error) {
    const message = String(error.message).split('\n')[0];
    return {
      ok: false,
      reason: error.code === 'MODULE_NOT_FOUND' ? 'the optional "electron" package is not installed (its binary download failed or was skipped)' : message,
    };
  }
}

try {
  build();
} catch (error) {
  process.stderr.write(`Site Command cannot start: ${error.message}\n`);
  process.exit(1);
}

const electron = findElectron();
if (electron.ok) {
  ensureSqliteForElectron(electron.binary);
  const child = spawn(electron.binary, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
} else {
  process.stderr.write(
    `\nThe Electron runtime is missing: ${electron.reason}.\n` +
      'Starting the web console instead — the same console, served to a browser on this machine.\n' +
      'To get the desktop window, run "npm install" on a machine that can download Electron.\n\n',
  );
  ensureSqliteForNode();
  // The same flags as the desktop app (one parser); serve accepts --kiosk and ignores it.
  process.argv = [process.argv[0], join(root, 'dist', 'electron', 'core', 'cli', 'serve.js'), ...args];
  await import('../dist/electron/core/cli/serve.js');
}
