// Fuzz cases per second of the API fuzzer (test/integration/api-fuzz.test.ts) against the built
// core, per property. Baseline: plain `GET /api/health` requests through the same client to the
// same core in the same round (the floor a fuzz case cannot beat). Rounds interleave the three
// properties and the baseline; medians and min–max over rounds.
// Standalone: `node bench/fuzz-rate.bench.mjs` prints the markdown section (BENCH_FUZZ_ROUNDS,
// BENCH_FUZZ_RUNS override the 3 rounds of 6,000 cases).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, removeDir, tempDir } from './lib.mjs';

export const title = 'API fuzzing: cases per second (issue 10)';
const ROUNDS = Number(process.env.BENCH_FUZZ_ROUNDS ?? 3);
const RUNS = Number(process.env.BENCH_FUZZ_RUNS ?? 6000);
export const note = `Each round is one run of \`test/integration/api-fuzz.test.ts\` with ${RUNS.toLocaleString('en')} cases (85 % API routes, 10 % raw malformed requests, 5 % socket sessions) and a fresh seed against the built core (demo site, simulator, four cameras' streams), followed by 3 s of plain \`GET /api/health\` through the same client (the baseline). ${ROUNDS} rounds; median and min–max. The machine is shared, so compare ratios, not absolute rates.`;

const PROPERTIES = [
  ['api', 'API routes (every route, role, generated and mutated params)'],
  ['malformed', 'malformed raw requests (escapes, verbs, headers, framing)'],
  ['sockets', 'socket sessions (/api/live, /api/video; random frames before and after auth)'],
];

export async function run({ root }) {
  const rates = { api: [], malformed: [], sockets: [], baseline: [] };
  let cases = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const dir = tempDir('sc-bench-fuzz-');
    const rateFile = join(dir, 'rates.json');
    const result = spawnSync(join(root, 'node_modules', '.bin', 'vitest'), ['run', '--project', 'integration', 'test/integration/api-fuzz.test.ts'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, FUZZ_RUNS: String(RUNS), FUZZ_RATE_FILE: rateFile },
    });
    if (result.status !== 0) throw new Error(`fuzz round ${round + 1} failed (exit ${result.status}); run npm run fuzz to see why`);
    const counts = JSON.parse(readFileSync(rateFile, 'utf8'));
    removeDir(dir);
    for (const [name, c] of Object.entries(counts)) {
      rates[name].push(c.runs / (c.ms / 1000));
      if (name !== 'baseline') cases += c.runs;
    }
    process.stderr.write(`fuzz-rate round ${round + 1}: ${Object.entries(counts).map(([n, c]) => `${n} ${Math.round(c.runs / (c.ms / 1000))}/s`).join(', ')}\n`);
  }
  const spread = (values) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
  const baseline = median(rates.baseline);
  return [
    ...PROPERTIES.map(([name, label]) => ({
      name: `${label}, median of ${ROUNDS} (min–max ${spread(rates[name])})`,
      value: median(rates[name]),
      unit: 'cases/s',
      baseline,
      baselineName: `GET /api/health (min–max ${spread(rates.baseline)})`,
    })),
    { name: `fuzz cases run in this benchmark (${ROUNDS} rounds, every property held)`, value: cases, unit: 'cases' },
  ];
}

// Standalone: print the section in RESULTS.md's format, to append by hand.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const started = Date.now();
  const rows = await run({ root });
  const fmt = (v) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)) : String(v ?? '—'));
  let md = `## ${title}\n\n${note}\n\n- CPU: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}; memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB; Node ${process.version}, Linux ${release()}; ${new Date().toISOString()}\n\n| measure | value | baseline | ratio | target | met |\n|---|---|---|---|---|---|\n`;
  for (const r of rows) {
    const ratio = typeof r.baseline === 'number' ? r.value / r.baseline : undefined;
    md += `| ${r.name} | ${fmt(r.value)} ${r.unit ?? ''} | ${r.baselineName ? `${r.baselineName}: ${fmt(r.baseline)} ${r.unit}` : '—'} | ${ratio === undefined ? '—' : fmt(ratio) + '×'} |  |  |\n`;
  }
  md += `\n_fuzz-rate.bench.mjs, ${((Date.now() - started) / 1000).toFixed(0)} s_\n`;
  process.stdout.write(md);
}
