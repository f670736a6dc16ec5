import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

/** The JavaScript of a built renderer, all chunks joined. */
function bundleText(dir: string): string {
  const assets = join(dir, 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n');
}

describe('the 3D stress-site hook exists only in test builds', () => {
  it('a production build of the console has no window.__site3d and no stress site; the test build has both', () => {
    const out = tempDir();
    const { SITE_COMMAND_TEST_HOOKS: _unset, ...env } = process.env;
    // The same Vite config `npm run build` uses, into a scratch folder (the e2e set-up keeps
    // renderer/dist a test build for the other tests).
    execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', 'renderer', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, env, stdio: 'pipe' });
    const production = bundleText(out);
    expect(production).toContain('site3d'); // the view itself is there
    expect(production).not.toContain('__site3d');
    expect(production).not.toContain('s-crane-'); // the generated stress site's device ids

    const testBuild = bundleText(join(ROOT, 'renderer', 'dist'));
    expect(testBuild).toContain('__site3d');
    expect(testBuild).toContain('s-crane-');
  }, 180_000);
});
