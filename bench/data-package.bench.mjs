// Verifiable data package (issue 13, item 4): making a signed package for one day and for a month
// of a busy site, against a raw tar of the same files (no queries, no hashing, no signing) written
// in the same run; and the longest stall of the event loop while a package is made.
import { execFileSync } from 'node:child_process';
import { openSync, closeSync, writeSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, removeDir, tempDir } from './lib.mjs';

export const title = 'Verifiable data package, busy site: a day and a month (issue 13)';
const DAYS = Number(process.env.BENCH_PACKAGE_DAYS ?? 30);
const ROUNDS = Number(process.env.BENCH_PACKAGE_ROUNDS ?? 3);
export const note = `test/helpers/busy-site.ts (${DAYS} days: 2 cranes at 1 Hz 07:00–19:00, a hoist, 4 dust monitors a reading a minute, 500 workers' gate passages a day, alarms through the hash-chained audit store). Each of ${ROUNDS} interleaved rounds makes the package of the last day and of the whole period through makePackage (queries per site day with a yield between, JSON, SHA-256 of every file, the site's keyed check of the whole audit chain, Ed25519 signature, temp file + fsync + rename), then writes a raw tar of exactly the same files from memory (headers + content, one write per file, no hashing, no signing, no fsync) as the baseline. Medians and min–max over rounds; "longest event-loop stall" is the largest gap of a 5 ms timer while the month's package is made. The machine is shared with other helpers' builds and tests (load average noted below): compare the ratios.`;

export async function run({ root }) {
  const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
  execFileSync(esbuild, ['test/helpers/busy-site.ts', 'test/helpers/alarm-events.ts', '--format=esm', '--platform=node', `--outdir=${join(root, 'dist', 'test', 'helpers')}`], { cwd: root, stdio: 'inherit' });
  const helper = await import(pathToFileURL(join(root, 'dist', 'test', 'helpers', 'busy-site.js')).href);
  const mod = (p) => import(pathToFileURL(join(root, 'dist', 'electron', ...p.split('/'))).href);
  const { makePackage } = await mod('core/data-package/package-maker.js');
  const { SiteSigningKeys } = await mod('core/data-package/site-key.js');
  const { encodeHeader, padding, END_OF_ARCHIVE, BLOCK, decodeHeader } = await mod('core/data-package/tar-format.js');
  const { siteInstant } = await mod('core/workforce/attendance-clock.js');
  const { addDays } = await mod('common/reports.js');
  const { closeDatabase } = await mod('core/store/database.js');

  const dir = tempDir();
  try {
    const facts = helper.seedBusySite(dir, { days: DAYS, seed: 11 });
    const db = facts.db;
    const tz = facts.timeZone;
    const secrets = new Map();
    const keys = new SiteSigningKeys({ get: (n) => secrets.get(n) ?? null, set: (n, v) => void secrets.set(n, v) });
    const last = facts.days[facts.days.length - 1];
    const periods = { day: [last, last], month: [facts.days[0], last] };
    const times = { day: [], month: [], rawDay: [], rawMonth: [] };
    const sizes = {};
    let stall = 0;
    let stallStep = '';
    let idleStall = 0;
    let step = '';

    const make = async (name, [from, to], probe) => {
      const target = join(dir, `${name}.tar`);
      rmSync(target, { force: true });
      let worst = 0;
      let worstStep = '';
      let last = performance.now();
      const timer = probe ? setInterval(() => {
        const t = performance.now();
        if (t - last > worst) {
          worst = t - last;
          worstStep = step;
        }
        last = t;
      }, 5) : null;
      const t0 = performance.now();
      const made = await makePackage({ db, dataDir: dir, site: { id: 'bench-site', name: 'bench' }, period: { from, to, timeZone: tz, startMs: siteInstant(from, 0, tz), endMs: siteInstant(addDays(to, 1), 0, tz) }, madeBy: 'bench', createdAtMs: Date.now(), keys, auditKey: () => Buffer.alloc(32, 5), target, onProgress: (s) => (step = s) });
      const ms = performance.now() - t0;
      if (timer) clearInterval(timer);
      if (probe && worst > stall) {
        stall = worst;
        stallStep = worstStep;
      }
      if (probe) {
        // The baseline: the same 5 ms timer over as long a time with nothing to do (the machine's own scheduling).
        let idleLast = performance.now();
        const idle = setInterval(() => {
          const t = performance.now();
          idleStall = Math.max(idleStall, t - idleLast);
          idleLast = t;
        }, 5);
        await new Promise((resolve) => setTimeout(resolve, ms));
        clearInterval(idle);
      }
      sizes[name] = made.bytes;
      return { ms, target };
    };
    // The baseline: the same files, from memory, in a plain tar.
    const raw = (target) => {
      const bytes = readFileSync(target);
      const files = [];
      for (let at = 0; at < bytes.length; ) {
        const h = decodeHeader(bytes.subarray(at, at + BLOCK));
        if (h === 'end' || 'problem' in h) break;
        files.push({ name: h.name, data: bytes.subarray(at + BLOCK, at + BLOCK + h.size) });
        at += BLOCK + Math.ceil(h.size / BLOCK) * BLOCK;
      }
      const out = join(dir, 'raw.tar');
      const t0 = performance.now();
      const fd = openSync(out, 'w');
      for (const f of files) {
        writeSync(fd, encodeHeader({ name: f.name, size: f.data.length, mtime: 0 }));
        writeSync(fd, f.data);
        writeSync(fd, padding(f.data.length));
      }
      writeSync(fd, END_OF_ARCHIVE);
      closeSync(fd);
      return performance.now() - t0;
    };

    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 ? ['month', 'day'] : ['day', 'month'];
      for (const name of order) {
        const { ms, target } = await make(name, periods[name], name === 'month');
        times[name].push(ms);
        times[name === 'day' ? 'rawDay' : 'rawMonth'].push(raw(target));
      }
    }
    closeDatabase(db);
    const range = (v) => `${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)} ms`;
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    return [
      { name: `package of one day (${(sizes.day / 1048576).toFixed(1)} MiB; ${range(times.day)})`, value: median(times.day) / 1000, unit: 's', baselineName: 'raw tar of the same files', baseline: median(times.rawDay) / 1000 },
      { name: `package of ${DAYS} days (${(sizes.month / 1048576).toFixed(1)} MiB; ${range(times.month)})`, value: median(times.month) / 1000, unit: 's', baselineName: 'raw tar of the same files', baseline: median(times.rawMonth) / 1000 },
      { name: `longest event-loop stall while making the ${DAYS}-day package (during "${stallStep}")`, value: stall, unit: 'ms', baselineName: 'same timer, idle loop, as long', baseline: idleStall, target: '< 200 ms', met: stall < 200 },
      { name: 'load average (1, 5, 15 min) at the end', value: load },
    ];
  } finally {
    removeDir(dir);
  }
}
