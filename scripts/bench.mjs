// `npm run bench`: runs every bench/*.bench.mjs and writes bench/RESULTS.md with the machine,
// the date, each figure, and its ratio against a baseline measured in the same run.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from './build.mjs';
import { ensureSqliteForNode } from './native-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
const only = process.argv.slice(2);

ensureSqliteForNode();
// The render benchmark drives the 3D view's stress site through its test hook.
build({ testHooks: true });

const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const sections = [];
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const mod = await import(pathToFileURL(join(benchDir, file)).href);
  const started = Date.now();
  const result = await mod.run({ root });
  sections.push({ file, title: mod.title ?? file, note: mod.note ?? '', rows: result, seconds: (Date.now() - started) / 1000 });
}

const fmt = (v) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)) : String(v ?? '—'));
const machine = [
  `- CPU: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
  `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  `- Node ${process.version}, Linux ${release()}`,
  `- Date: ${new Date().toISOString()}`,
];
let md = `# Benchmark results\n\nWritten by \`npm run bench\`. Each figure comes with a baseline measured in the same run on the same machine, and their ratio; compare ratios across machines, not absolute figures.\n\n## Machine\n${machine.join('\n')}\n`;
for (const s of sections) {
  md += `\n## ${s.title}\n\n${s.note ? s.note + '\n\n' : ''}| measure | value | baseline | ratio | target | met |\n|---|---|---|---|---|---|\n`;
  for (const r of s.rows) {
    const ratio = r.ratio ?? (typeof r.value === 'number' && typeof r.baseline === 'number' && r.baseline !== 0 ? r.value / r.baseline : undefined);
    const met = r.met === undefined ? '' : r.met ? 'yes' : 'NO';
    md += `| ${r.name} | ${fmt(r.value)} ${r.unit ?? ''} | ${r.baselineName ? `${r.baselineName}: ` : ''}${fmt(r.baseline)} ${r.baseline === undefined ? '' : r.unit ?? ''} | ${ratio === undefined ? '—' : fmt(ratio) + '×'} | ${r.target ?? ''} | ${met} |\n`;
  }
  md += `\n_${s.file}, ${s.seconds.toFixed(0)} s_\n`;
}
// Keep results of benchmarks not run this time (`npm run bench -- name` runs a subset).
const out = join(benchDir, 'RESULTS.md');
if (only.length) {
  try {
    const previous = readFileSync(out, 'utf8');
    const kept = previous.split('\n## ').slice(1).filter((sec) => !sections.some((s) => sec.startsWith(s.title)) && !sec.startsWith('Machine'));
    if (kept.length) md += `\n## ${kept.join('\n## ')}`;
  } catch {
    // no previous results
  }
}
writeFileSync(out, md);
process.stdout.write(md);
