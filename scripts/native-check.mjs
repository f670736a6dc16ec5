// Makes sure better-sqlite3's addon matches the runtime about to load it. One node_modules serves
// both plain Node (tests, `npm run serve`) and Electron (`npm start`), whose ABIs differ; after a
// switch the addon is rebuilt for the runtime in use (source build, about a minute).
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function sqliteLoadsUnderNode() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return null;
  } catch (error) {
    return error;
  }
}

export function ensureSqliteForNode() {
  const error = sqliteLoadsUnderNode();
  if (!error) return;
  if (!/NODE_MODULE_VERSION|different Node\.js version|invalid ELF|cannot open shared object/i.test(error.message)) {
    throw new Error(`SQLite (better-sqlite3) cannot be loaded: ${error.message.split('\n')[0]}. Run "npm ci".`);
  }
  process.stderr.write('Rebuilding SQLite (better-sqlite3) for Node…\n');
  execFileSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' });
}

export function ensureSqliteForElectron(electronBinary) {
  const probe = spawnSync(electronBinary, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: root,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
  });
  if (probe.status === 0) return;
  const version = require('electron/package.json').version;
  process.stderr.write(`Rebuilding SQLite (better-sqlite3) for Electron ${version}…\n`);
  execFileSync(
    'npm',
    ['rebuild', 'better-sqlite3', '--runtime=electron', `--target=${version}`, '--dist-url=https://electronjs.org/headers'],
    { cwd: root, stdio: 'inherit' },
  );
}
