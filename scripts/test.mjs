// `npm test`: installs missing system packages (apt), builds the console (a test build, with the
// hooks the e2e tests drive), lints the whole tree (ESLint, eslint.config.js), then runs every test
// project (unit, integration with real mosquitto/ffmpeg/RTSP, e2e in Chromium). Extra arguments
// go to Vitest, e.g. `npm test -- --project unit`. SITE_COMMAND_SKIP_LINT=1 leaves the lint out
// (quick local runs; `npm run lint` runs it alone).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { ensureSqliteForNode } from './native-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

try {
  if (process.env.SITE_COMMAND_SKIP_SYSTEM_DEPS !== '1') {
    execFileSync('bash', [join(root, 'scripts', 'ensure-system-deps.sh'), 'test'], { stdio: 'inherit' });
  }
  ensureSqliteForNode();
} catch (error) {
  process.stderr.write(`Test set-up failed: ${error.message}\n`);
  process.exit(1);
}

// The lint reads only the sources, so it runs beside the build (each is one busy process; on a
// two-core CI machine this saves the shorter of the two, about a minute), and before any test:
// no timing-sensitive test ever shares the machine with it.
const lint = process.env.SITE_COMMAND_SKIP_LINT === '1' ? null : startLint();

try {
  build({ testHooks: true });
} catch (error) {
  lint?.child.kill();
  process.stderr.write(`Test set-up failed: ${error.message}\n`);
  process.exit(1);
}

if (lint) {
  const outcome = await lint.done;
  if (outcome.code !== 0) {
    const why = outcome.error ? outcome.error.message : `exit status ${outcome.code ?? outcome.signal}`;
    process.stderr.write(`Lint failed (${why}): fix the findings above (\`npm run lint\` to check again) before the tests run; SITE_COMMAND_SKIP_LINT=1 skips the lint for a quick local run.\n`);
    process.exit(1);
  }
}

function startLint() {
  process.stderr.write('Linting (ESLint) beside the build…\n');
  const child = spawn(join(root, 'node_modules', '.bin', 'eslint'), ['.'], { cwd: root, stdio: 'inherit' });
  const done = new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, done };
}

const result = spawnSync(join(root, 'node_modules', '.bin', 'vitest'), ['run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
