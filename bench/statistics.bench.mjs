// Statistics dashboard queries over 30 days of a busy site (issue 12): every figure of the
// #/statistics view for the month, from the statistics read models (migration 14), against the
// same figures computed from the raw rows in the same run.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, percentile, removeDir, tempDir } from './lib.mjs';

export const title = 'Statistics dashboard queries, 30-day busy site (issue 12)';
const DAYS = Number(process.env.BENCH_STATS_DAYS ?? 30);
const ROUNDS = Number(process.env.BENCH_STATS_ROUNDS ?? 5);
export const note = `The generator test/helpers/busy-site.ts (${DAYS} days: 2 cranes at 1 Hz 07:00–19:00, a hoist, 4 dust monitors a reading a minute, 500 workers' gate passages a day, ${Math.round((5000 * DAYS) / 30)} alarms through the hash-chained audit store, 2 panorama captures a day) writes through the core's TelemetryWriter, IntervalWriter and AlarmStore; the statistics folds follow the telemetry as the pipeline's observer and are caught up. Each of ${ROUNDS} interleaved rounds (order reversed every other round) asks for every dashboard figure of the month (10 figures, as the view does) through StatisticsQueries, 20 times each, and computes two figures from raw rows as the baseline: crane lifts per crane (every crane reading of the period, load with the same hysteresis) and the dust monitors' PM10 daily means (json_extract over every dust reading, grouped by site day). Medians and min–max over rounds. The machine is shared with four other helpers' builds and tests (load average noted below), so compare the ratios.`;

export async function run({ root }) {
  // The generator is a test helper (TypeScript): compile it beside the built core so its imports resolve to dist/electron.
  const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
  execFileSync(esbuild, ['test/helpers/busy-site.ts', 'test/helpers/alarm-events.ts', '--format=esm', '--platform=node', `--outdir=${join(root, 'dist', 'test', 'helpers')}`], { cwd: root, stdio: 'inherit' });
  const helper = await import(pathToFileURL(join(root, 'dist', 'test', 'helpers', 'busy-site.js')).href);
  const mod = (p) => import(pathToFileURL(join(root, 'dist', 'electron', ...p.split('/'))).href);
  const { StatisticsQueries } = await mod('core/statistics/statistics-queries.js');
  const { STAT_FIGURES } = await mod('common/statistics.js');
  const { siteLocal } = await mod('core/workforce/attendance-clock.js');
  const { closeDatabase } = await mod('core/store/database.js');

  const dir = tempDir();
  try {
    const built = performance.now();
    const facts = helper.seedBusySite(dir, { days: DAYS, seed: 7 });
    const buildS = (performance.now() - built) / 1000;
    const db = facts.db;
    const queries = new StatisticsQueries({ db, timeZone: () => facts.timeZone, preset: () => helper.BUSY_SITE_PRESET, devices: () => [...helper.BUSY_SITE_DEVICES], now: () => facts.foldedAt });
    const period = { period: 'range', from: facts.days[0], to: facts.days[facts.days.length - 1] };
    const startMs = facts.endMs - DAYS * 86_400_000;

    const rawCranes = db.prepare("SELECT device_id, ts, json_extract(payload, '$.loadT') AS load FROM telemetry WHERE device_id = ? AND ts >= ? AND ts < ? ORDER BY ts");
    const rawLifts = () => {
      const out = {};
      for (const crane of ['crane-1', 'crane-2']) {
        let open = null;
        let n = 0;
        for (const r of rawCranes.iterate(crane, startMs, facts.endMs)) {
          if (!open && r.load > 0.5) open = r.ts;
          else if (open && r.load < 0.2) {
            if (r.ts - open >= 10_000) n++;
            open = null;
          }
        }
        out[crane] = n;
      }
      return out;
    };
    const rawDust = db.prepare(
      "SELECT device_id, ts, json_extract(payload, '$.pm10') AS pm10 FROM telemetry WHERE device_id IN ('dust-1', 'dust-2', 'dust-3', 'dust-4') AND ts >= ? AND ts < ?",
    );
    const rawDustDaily = () => {
      const days = new Map();
      for (const r of rawDust.iterate(startMs, facts.endMs)) {
        const day = siteLocal(r.ts, facts.timeZone).day;
        const d = days.get(day) ?? { sum: 0, n: 0 };
        d.sum += r.pm10;
        d.n++;
        days.set(day, d);
      }
      return days;
    };

    const figureTimes = [];
    const dashboardTimes = [];
    const liftsTimes = { stats: [], raw: [] };
    const dustTimes = { stats: [], raw: [] };
    const load = [];
    for (let round = 0; round < ROUNDS; round++) {
      load.push((await import('node:os')).loadavg()[0]);
      const statsRound = () => {
        const t0 = performance.now();
        for (let k = 0; k < 20; k++) {
          for (const figure of STAT_FIGURES) {
            const f0 = performance.now();
            queries.figure({ figure, ...period });
            figureTimes.push(performance.now() - f0);
          }
        }
        dashboardTimes.push((performance.now() - t0) / 20);
        let t = performance.now();
        const lifts = queries.figure({ figure: 'crane-use', ...period });
        liftsTimes.stats.push(performance.now() - t);
        t = performance.now();
        queries.figure({ figure: 'dust-daily', ...period });
        dustTimes.stats.push(performance.now() - t);
        return lifts;
      };
      const rawRound = () => {
        let t = performance.now();
        const lifts = rawLifts();
        liftsTimes.raw.push(performance.now() - t);
        t = performance.now();
        rawDustDaily();
        dustTimes.raw.push(performance.now() - t);
        return lifts;
      };
      const [a, b] = round % 2 === 0 ? [statsRound(), rawRound()] : [rawRound(), statsRound()].reverse();
      const fromStats = Object.fromEntries(a.rows.map((r) => [r.key, r.values.lifts]));
      if (JSON.stringify(fromStats) !== JSON.stringify(b)) throw new Error(`lifts disagree: statistics ${JSON.stringify(fromStats)} vs raw ${JSON.stringify(b)}`);
    }
    const rows = db.prepare('SELECT count(*) AS n FROM telemetry').get().n;
    closeDatabase(db);
    const spread = (v) => `${Math.min(...v).toFixed(1)}–${Math.max(...v).toFixed(1)}`;
    const p95 = percentile(figureTimes, 95);
    process.stderr.write(`statistics bench: built ${rows} raw rows in ${buildS.toFixed(0)} s; load ${load.map((l) => l.toFixed(1)).join(', ')}\n`);
    return [
      { name: `one dashboard figure for the month, p95 of ${figureTimes.length} queries (median ${median(figureTimes).toFixed(2)} ms; load average ${Math.min(...load).toFixed(0)}–${Math.max(...load).toFixed(0)} on ${(await import('node:os')).cpus().length} cores)`, value: p95, unit: 'ms', baselineName: 'crane lifts from raw rows, median', baseline: median(liftsTimes.raw), target: '< 100 ms', met: p95 < 100 },
      { name: `whole dashboard (10 figures), median per round (spread ${spread(dashboardTimes)})`, value: median(dashboardTimes), unit: 'ms', baselineName: 'crane lifts + PM10 daily means from raw rows', baseline: median(liftsTimes.raw) + median(dustTimes.raw) },
      { name: `crane lifts per crane, month (spread ${spread(liftsTimes.stats)}; raw ${spread(liftsTimes.raw)})`, value: median(liftsTimes.stats), unit: 'ms', baselineName: `same from ${rows.toLocaleString('en')} raw rows`, baseline: median(liftsTimes.raw) },
      { name: `PM10/PM2.5/TSP/noise daily means, month (spread ${spread(dustTimes.stats)}; raw ${spread(dustTimes.raw)})`, value: median(dustTimes.stats), unit: 'ms', baselineName: 'PM10 alone from raw rows', baseline: median(dustTimes.raw) },
      { name: `building the site (${DAYS} days, ${rows.toLocaleString('en')} raw rows, folds included)`, value: buildS, unit: 's' },
    ];
  } finally {
    removeDir(dir);
  }
}
