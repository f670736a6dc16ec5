// One-day chart query on 30 days of 1 Hz data for one crane, through the history code (minute
// rollups re-bucketed in SQL). Baseline: the same one-day, ≤ 500-point query on the raw rows.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, removeDir, tempDir } from './lib.mjs';

export const title = 'History queries (issue: telemetry storage)';
export const note =
  'A database with 30 days of 1 Hz readings of one crane (2.59 M raw rows, 8 metrics each, written through the core’s own TelemetryWriter with its minute rollups). Query: one day of `loadT` as ≤ 500 min/max/avg points, median of 20 runs. Baseline: the same day bucketed the same way from the raw rows (json_extract over 86,400 readings), as a store without rollups would have to.';

const DAY = 86_400_000;

export async function run({ root }) {
  const mod = (p) => import(pathToFileURL(join(root, 'dist', 'electron', 'core', ...p.split('/'))).href);
  const { openDatabase, closeDatabase } = await mod('store/database.js');
  const { TelemetryWriter } = await mod('store/telemetry-writer.js');
  const { HistoryQuery } = await mod('store/history-query.js');
  const { createLogger } = await mod('log/logger.js');
  const log = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });

  const dir = tempDir();
  try {
    const db = openDatabase(dir);
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    const start = now - 30 * DAY;
    // Build fast: the real writer, one large transaction per batch (what a replayed backlog would do).
    const built = performance.now();
    const writer = new TelemetryWriter(db, log, { batchSize: 50_000, maxQueued: 100_000, flushIntervalMs: 3600_000 });
    let i = 0;
    for (let ts = start; ts < now; ts += 1000, i++) {
      const load = 2 + 3 * Math.sin(i / 900) + (i % 7) * 0.1;
      writer.enqueue({
        deviceId: 'crane-1',
        kind: 'crane',
        ts,
        values: { loadT: load, ratedLoadT: 8, momentPct: load * 12, radiusM: 30, heightM: 40, slewDeg: i % 360, windMs: 4 + (i % 5), tiltDeg: 0.1 },
      });
    }
    writer.close();
    const buildS = (performance.now() - built) / 1000;

    const history = new HistoryQuery(db, { rawKeptMs: 30 * DAY });
    const from = now - DAY - 7 * 3600_000; // yesterday, not aligned to a day
    const to = from + DAY;
    const request = { deviceId: 'crane-1', metric: 'loadT', ref: { field: 'loadT' }, from, to, maxPoints: 500 };
    const bucketMs = history.series(request, now).bucketMs;
    const rawQuery = db.prepare(
      `SELECT (ts / ${bucketMs}) * ${bucketMs} AS t, min(v) min, max(v) max, avg(v) avg, count(v) count
         FROM (SELECT ts, json_extract(payload, '$.loadT') v FROM telemetry WHERE device_id = ? AND ts >= ? AND ts <= ?)
        GROUP BY t ORDER BY t`,
    );
    const time = (fn) => {
      const times = [];
      let points = 0;
      fn(); // warm the page cache once, as a chart refresh would find it
      for (let k = 0; k < 20; k++) {
        const t0 = performance.now();
        points = fn().length;
        times.push(performance.now() - t0);
      }
      return { ms: median(times), points };
    };
    const rollup = time(() => history.series(request, now).points);
    const raw = time(() => rawQuery.all('crane-1', Math.floor(from / bucketMs) * bucketMs, to));
    const week = time(() => history.series({ ...request, from: now - 7 * DAY, to: now }, now).points);
    const month = time(() => history.series({ ...request, from: now - 30 * DAY, to: now }, now).points);
    if (rollup.points !== raw.points) throw new Error(`rollup and raw disagree: ${rollup.points} vs ${raw.points} points`);
    const rows = db.prepare('SELECT COUNT(*) n FROM telemetry').get().n;
    closeDatabase(db);
    process.stderr.write(`history bench: built ${rows} rows in ${buildS.toFixed(1)} s\n`);
    return [
      { name: `one-day chart, ${rollup.points} points (median of 20)`, value: rollup.ms, unit: 'ms', baselineName: 'same day from raw rows', baseline: raw.ms, target: '< 20 ms', met: rollup.ms < 20 },
      { name: `one-week chart, ${week.points} points`, value: week.ms, unit: 'ms', baselineName: 'one-day raw', baseline: raw.ms, target: '< 20 ms', met: week.ms < 20 },
      { name: `30-day chart, ${month.points} points`, value: month.ms, unit: 'ms', baselineName: 'one-day raw', baseline: raw.ms, target: '< 50 ms', met: month.ms < 50 },
      { name: 'building 30 days of 1 Hz (raw + rollups, writer batches of 50,000)', value: rows / buildS, unit: 'rows/s' },
    ];
  } finally {
    removeDir(dir);
  }
}
