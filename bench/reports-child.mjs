// One report of the reports benchmark, in its own process so its peak resident memory is its own:
// `node reports-child.mjs ROOT DATADIR daily|monthly FROM TO full|gather`. `full` makes the report
// as the core does (sections gathered on this thread, PDF + XLSX rendered in the worker thread);
// `gather` only builds the sections (the baseline: the same queries, no rendering).
// Prints {ms, bytes, peakRssMiB}.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, dataDir, kind, from, to, mode] = process.argv.slice(2);
const mod = (p) => import(pathToFileURL(join(root, 'dist', 'electron', 'core', ...p.split('/'))).href);
const { openDatabase } = await mod('store/database.js');
const { ownReportSections } = await mod('wiring/reports.js');
const { ReportJobs } = await mod('reports/report-jobs.js');
const { ReportStore } = await mod('reports/report-store.js');
const { reportPeriod } = await mod('reports/report-period.js');

const site = {
  name: '滨江中心项目（基准）',
  timeZone: 'Asia/Shanghai',
  devices: ['dust-1', 'dust-2', 'dust-3', 'dust-4'].map((id, i) => ({ id, kind: 'dust', name: `${i + 1}号扬尘监测仪` })).concat([{ id: 'crane-1', kind: 'crane', name: '1号塔吊' }, { id: 'crane-2', kind: 'crane', name: '2号塔吊' }, { id: 'hoist-1', kind: 'hoist', name: '1号施工升降机' }]),
  panoramas: { points: [{ id: 'P1', name: '1号楼东侧' }, { id: 'P2', name: '2号楼北侧' }, { id: 'P3', name: '地下室入口' }] },
};
const db = openDatabase(dataDir);
const sections = ownReportSections(db, () => site);
const started = performance.now();
let bytes = 0;
if (mode === 'gather') {
  const period = reportPeriod(kind, from, to, site.timeZone);
  for (const s of sections) bytes += JSON.stringify(await s.build(period)).length;
} else {
  const jobs = new ReportJobs({ store: new ReportStore(db), dir: join(dataDir, 'reports'), sections: () => sections, projectName: () => site.name, timeZone: () => site.timeZone });
  const r = jobs.submit(kind, from, to, 'bench');
  await jobs.idle();
  const done = jobs.view(r.id);
  if (done.state !== 'done') throw new Error(done.error);
  bytes = done.files.reduce((s, f) => s + statSync(join(dataDir, 'reports', f.file)).size, 0);
}
const ms = performance.now() - started;
db.close();
process.stdout.write(JSON.stringify({ ms, bytes, peakRssMiB: (process.resourceUsage().maxRSS * 1024) / 2 ** 20 }));
process.exit(0);
