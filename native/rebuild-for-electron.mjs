// Rebuilds better-sqlite3 against the installed Electron's ABI. electron-builder runs this as its
// beforeBuild hook; `npm start` runs it when Electron is installed and the addon fails to load there.
// Under plain Node (tests, `npm run serve`) the addon built by `npm ci` is the right one.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function electronVersion() {
  try {
    return require('electron/package.json').version;
  } catch {
    return null;
  }
}

export function rebuildForElectron(version = electronVersion()) {
  if (!version) throw new Error('Electron is not installed; nothing to rebuild for');
  execFileSync(
    'npm',
    ['rebuild', 'better-sqlite3', `--runtime=electron`, `--target=${version}`, '--dist-url=https://electronjs.org/headers', '--build-from-source'],
    { stdio: 'inherit' },
  );
}

export default async function beforeBuild() {
  rebuildForElectron();
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) rebuildForElectron();
