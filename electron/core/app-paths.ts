import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, found from this file in both the source and the built layout. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'site-command') return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the Site Command folder (package.json)');
}

export function demoSiteDir(): string {
  return join(appRoot(), 'resources', 'demo-site');
}

export function rendererDistDir(): string {
  return join(appRoot(), 'renderer', 'dist');
}

/** Per-user data folder (XDG on Linux); the Electron shell uses its own userData path instead. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SITE_COMMAND_DATA) return env.SITE_COMMAND_DATA;
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'site-command');
}
