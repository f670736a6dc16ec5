// Builds what the shells run: the core and Electron main (tsc → dist/), the sandboxed preload
// (esbuild → CommonJS), and the renderer (Vite → renderer/dist). Skips the work when nothing
// changed since the last build, so `npm start` and `npm run serve` stay quick.
//
// `--test-hooks` (build({ testHooks: true })) makes a test build of the renderer, with the hooks
// the e2e tests and benchmarks drive (`window.__site3d`); a plain build never has them. The stamp
// records which kind was built, so a production build after a test run rebuilds the renderer.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompress } from './precompress.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'dist', '.build-stamp');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'dist' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function sourcesStamp() {
  const inputs = ['electron', 'native', 'renderer', 'package.json', 'tsconfig.json', 'tsconfig.base.json', 'scripts/build.mjs'];
  return String(Math.max(...inputs.map((p) => newestMtime(join(root, p)))));
}

/** The stamp of a build of the current sources: their newest mtime, and whether it has test hooks. */
function buildStamp(testHooks) {
  return `${sourcesStamp()}${testHooks ? ' test-hooks' : ''}`;
}

export function isBuildCurrent({ testHooks = false } = {}) {
  return (
    existsSync(stampFile) &&
    existsSync(join(root, 'renderer', 'dist', 'index.html')) &&
    existsSync(join(root, 'renderer', 'dist', 'worker.html')) &&
    existsSync(join(root, 'dist', 'electron', 'core', 'cli', 'serve.js')) &&
    readFileSync(stampFile, 'utf8') === buildStamp(testHooks)
  );
}

export function build({ force = false, quiet = false, testHooks = false } = {}) {
  if (!force && isBuildCurrent({ testHooks })) return false;
  const log = (line) => quiet || process.stderr.write(`${line}\n`);
  const stamp = buildStamp(testHooks);
  const env = { ...process.env };
  delete env.SITE_COMMAND_TEST_HOOKS;
  if (testHooks) env.SITE_COMMAND_TEST_HOOKS = '1';
  // Always a production bundle: run from inside Vitest (the e2e set-up) NODE_ENV is 'test', and Vite
  // would then build React's development variant (StrictMode double effects, dev warnings), which
  // is not what ships and not what the e2e tests and benchmarks should measure.
  delete env.NODE_ENV;
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, env, stdio: quiet ? 'pipe' : ['ignore', 'inherit', 'inherit'] });
  log('Building the site core (tsc)…');
  run(bin('tsc'), ['-p', 'tsconfig.json']);
  log('Bundling the preload (esbuild)…');
  mkdirSync(join(root, 'dist', 'electron', 'preload'), { recursive: true });
  run(bin('esbuild'), [
    'electron/preload/preload.ts',
    '--bundle',
    '--platform=node',
    '--format=cjs',
    '--external:electron',
    '--target=node20',
    '--outfile=dist/electron/preload/preload.cjs',
    '--log-level=warning',
  ]);
  log(testHooks ? 'Building the console UI with test hooks (vite)…' : 'Building the console UI (vite)…');
  run(bin('vite'), ['build', 'renderer', '--logLevel', 'warn']);
  log('Building the workers\' phone page (vite)…');
  run(bin('vite'), ['build', 'renderer', '--config', 'renderer/vite.worker.config.ts', '--logLevel', 'warn']);
  log('Compressing the UI files (gzip, Brotli)…');
  precompress(join(root, 'renderer', 'dist'));
  writeFileSync(stampFile, stamp);
  log('Build done.');
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    build({ force: process.argv.includes('--force'), testHooks: process.argv.includes('--test-hooks') });
  } catch (error) {
    process.stderr.write(`Build failed: ${error.message}\n`);
    process.exit(1);
  }
}
