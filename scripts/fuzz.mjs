// `npm run fuzz`: the long run of the API fuzzer (test/integration/api-fuzz.test.ts) against the
// built core. `npm test` runs the same properties bounded (20,000 cases).
//   npm run fuzz                              500,000 cases, a fresh seed (printed)
//   npm run fuzz -- --runs 100000 --seed 42   a chosen size and seed
//   npm run fuzz -- --seed 42 --only api --path "353:0:1"   replays one counterexample
//                                             (seed and path as fast-check printed them)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from './build.mjs';
import { ensureSqliteForNode } from './native-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'Usage: npm run fuzz -- [--runs N] [--seed S] [--only api|malformed|sockets] [--path P]';

let values;
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2),
    options: { runs: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' }, path: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  }));
} catch (error) {
  process.stderr.write(`${error.message}\n${USAGE}\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const runs = values.runs ?? process.env.FUZZ_RUNS ?? '500000';
const seed = values.seed ?? process.env.FUZZ_SEED ?? String((Date.now() ^ (Math.random() * 0x7fffffff)) | 0);
if (!/^\d+$/.test(runs)) {
  process.stderr.write(`--runs: expected a positive integer, got "${runs}"\n${USAGE}\n`);
  process.exit(2);
}
if (!/^-?\d+$/.test(seed)) {
  process.stderr.write(`--seed: expected an integer, got "${seed}"\n${USAGE}\n`);
  process.exit(2);
}
if (values.path && !values.only) {
  process.stderr.write('--path replays one property: name it with --only api|malformed|sockets\n');
  process.exit(2);
}

ensureSqliteForNode();
build();
process.stdout.write(`fuzz: ${runs} cases, seed ${seed}${values.only ? `, only ${values.only}` : ''}${values.path ? `, path ${values.path}` : ''}\n`);
const env = { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed, ...(values.only ? { FUZZ_ONLY: values.only } : {}), ...(values.path ? { FUZZ_PATH: values.path } : {}) };
const result = spawnSync(join(root, 'node_modules', '.bin', 'vitest'), ['run', '--project', 'integration', 'test/integration/api-fuzz.test.ts'], { cwd: root, stdio: 'inherit', env });
process.exit(result.status ?? 1);
