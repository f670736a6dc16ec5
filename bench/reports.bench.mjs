// Daily and monthly site reports (PDF + XLSX) on 30 days of a busy site: time and peak memory of
// each, made as the core makes them, against the same report's sections gathered without
// rendering (the baseline), in interleaved rounds.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { median, removeDir, tempDir } from './lib.mjs';

export const title = 'Daily and monthly site reports, PDF + XLSX, 30 days of a busy site (issue 12)';
export const note =
  'March 2026 of a busy site as the report’s own sections read it, written straight into a real SQLite file (test/helpers/report-seed.ts): 4 dust monitors’ one-minute rollups (temperature, humidity, wind, PM10: ~690,000 rows), 500 workers with two gate passages on 8 of 9 days (~26,700 passages), 167 alarms a day (5,010 in the month, each with its activation, acknowledgement, clear and on every 5th a comment: ~21,000 audit events; a clip on every 10th), 3 panorama captures a day. Each report is made in a fresh Node process as the core makes it (sections gathered on the calling thread, PDF and XLSX rendered in the worker thread; a fresh worker each time, so module loading is included), peak resident set of the process (getrusage maxrss, worker included); baseline: the same sections gathered without rendering, in the same kind of process. Rounds interleave the four runs (daily/monthly × full/gather); median and min–max of BENCH_REPORTS_ROUNDS (default 3) rounds. The monthly report prints all 5,010 alarms with their handling and the appendix.';

export async function run({ root }) {
  const rounds = Number(process.env.BENCH_REPORTS_ROUNDS ?? 3);
  const dir = tempDir();
  try {
    // The seeder is TypeScript (shared with the tests): bundled for Node first.
    const seedFile = join(dir, 'report-seed.mjs');
    await build({ entryPoints: [join(root, 'test', 'helpers', 'report-seed.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: seedFile, logLevel: 'error' });
    const { seedReportBusySite } = await import(pathToFileURL(seedFile).href);
    const mod = (p) => import(pathToFileURL(join(root, 'dist', 'electron', 'core', ...p.split('/'))).href);
    const { openDatabase } = await mod('store/database.js');
    const { IdentityCipher } = await mod('workforce/identity-cipher.js');
    const { WorkforceStore } = await mod('workforce/workforce-store.js');
    const dataDir = join(dir, 'data');
    (await import('node:fs')).mkdirSync(dataDir);
    const db = openDatabase(dataDir);
    const seedStarted = performance.now();
    seedReportBusySite(db, new WorkforceStore(db, new IdentityCipher(randomBytes(32), randomBytes(32))), { days: 31, endDay: '2026-03-31' });
    const seedS = (performance.now() - seedStarted) / 1000;
    db.close();

    const tasks = [
      { kind: 'daily', from: '2026-03-17', to: '2026-03-17' },
      { kind: 'monthly', from: '2026-03-01', to: '2026-03-31' },
    ].flatMap((t) => ['full', 'gather'].map((mode) => ({ ...t, mode })));
    const results = new Map(tasks.map((t) => [`${t.kind}.${t.mode}`, []]));
    for (let r = 0; r < rounds; r++) {
      for (const t of r % 2 ? [...tasks].reverse() : tasks) {
        const answer = execFileSync(process.execPath, [join(root, 'bench', 'reports-child.mjs'), root, dataDir, t.kind, t.from, t.to, t.mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
        results.get(`${t.kind}.${t.mode}`).push(JSON.parse(answer));
      }
    }
    const stat = (key, field) => {
      const v = results.get(key).map((x) => x[field]);
      return { med: median(v), min: Math.min(...v), max: Math.max(...v) };
    };
    const rows = [];
    for (const [kind, target, limitMs] of [['daily', '< 5 s', 5000], ['monthly', '< 30 s', 30_000]]) {
      const full = stat(`${kind}.full`, 'ms');
      const gather = stat(`${kind}.gather`, 'ms');
      const mem = stat(`${kind}.full`, 'peakRssMiB');
      const memBase = stat(`${kind}.gather`, 'peakRssMiB');
      rows.push({ name: `${kind} report PDF + XLSX, median (min–max ${(full.min / 1000).toFixed(2)}–${(full.max / 1000).toFixed(2)} s)`, value: full.med / 1000, unit: 's', baselineName: `sections only (min–max ${(gather.min / 1000).toFixed(2)}–${(gather.max / 1000).toFixed(2)})`, baseline: gather.med / 1000, target, met: full.med < limitMs });
      rows.push({ name: `${kind} report peak memory (process + render worker)`, value: mem.med, unit: 'MiB', baselineName: 'sections only', baseline: memBase.med });
      rows.push({ name: `${kind} report files (PDF + XLSX)`, value: median(results.get(`${kind}.full`).map((x) => x.bytes)) / 1024, unit: 'KiB' });
    }
    rows.push({ name: 'seeding the 31 days (not a target)', value: seedS, unit: 's' });
    return rows;
  } finally {
    removeDir(dir);
  }
}
