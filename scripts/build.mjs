// Builds what the shells run: the core and Electron main (tsc → dist/), the sandboxed preload
// (esbuild → CommonJS), and the renderer (Vite → renderer/dist). Skips the work when nothing
// changed since the last build, so `npm start` and `npm run serve` stay quick.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  const inputs = ['electron', 'native', 'renderer', 'package.json', 'tsconfig.json', 'tsconfig.base.json'];
  return String(Math.max(...inputs.map((p) => newestMtime(join(root, p)))));
}

export function isBuildCurrent() {
  return (
    existsSync(stampFile) &&
    existsSync(join(root, 'renderer', 'dist', 'index.html')) &&
    existsSync(join(root, 'dist', 'electron', 'core', 'cli', 'serve.js')) &&
    readFileSync(stampFile, 'utf8') === sourcesStamp()
  );
}

export function build({ force = false, quiet = false } = {}) {
  if (!force && isBuildCurrent()) return false;
  const log = (line) => quiet || process.stderr.write(`${line}\n`);
  const stamp = sourcesStamp();
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: quiet ? 'pipe' : ['ignore', 'inherit', 'inherit'] });
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
  log('Building the console UI (vite)…');
  run(bin('vite'), ['build', 'renderer', '--logLevel', 'warn']);
  writeFileSync(stampFile, stamp);
  log('Build done.');
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    build({ force: process.argv.includes('--force') });
  } catch (error) {
    process.stderr.write(`Build failed: ${error.message}\n`);
    process.exit(1);
  }
}
