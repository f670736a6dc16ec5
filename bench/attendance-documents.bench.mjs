// Ledger and pay sheet for 2,000 workers × 31 days as XLSX and PDF: time and peak memory of
// each document, made in its own process, against the same rows written as CSV (the baseline),
// in interleaved rounds. Also: computing the month's ledger from its gate passages in SQLite
// (baseline: reading the same passages), and the core's event loop while a 2,000-worker PDF is
// made in the worker thread the core uses (baseline: made on the event loop itself).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { median, removeDir, tempDir } from './lib.mjs';

export const title = 'Attendance ledger and pay sheet, 2,000 workers × 31 days (issue 11)';
export const note =
  'A month (March 2026) of 2,000 workers in 3 companies and 8 teams, two gate punches a day on 27 of 31 days (~108,000 passages, a missing exit now and then, written straight into wf_passages of a real SQLite file). Each document is made from that ledger (2,000 rows, 31 day marks each) by the core’s own renderers (exceljs; pdfkit with Noto Sans SC embedded as a subset), each in a fresh Node process so its peak resident set (getrusage maxrss) is its own; baseline: the same rows written as CSV by the same kind of process. Rounds interleave the six documents (ledger and pay × CSV, XLSX, PDF); median and min–max of BENCH_ATTENDANCE_ROUNDS (default 3) rounds. Event loop: longest delay seen by a 10 ms-resolution monitor on the calling thread while the ledger PDF is made through renderToFile (a worker thread, as in the core), against the same PDF made on the calling thread; the machine’s own noise is the same monitor while a bare thread of the process spins for 3 s.';

const MONTH = '2026-03';
const WORKERS = 2000;

export async function run({ root }) {
  const mod = (p) => import(pathToFileURL(join(root, 'dist', 'electron', 'core', ...p.split('/'))).href);
  const { openDatabase } = await mod('store/database.js');
  const { IdentityCipher } = await mod('workforce/identity-cipher.js');
  const { WorkforceStore } = await mod('workforce/workforce-store.js');
  const { AttendanceService } = await mod('workforce/attendance-service.js');
  const { DEFAULT_ATTENDANCE_RULE } = await import(pathToFileURL(join(root, 'dist', 'electron', 'common', 'attendance.js')).href);
  const { renderToFile, RENDERS_IN_WORKER } = await mod('workforce/documents/document-runner.js');
  const { renderDocument } = await mod('workforce/documents/render-document.js');
  const rounds = Number(process.env.BENCH_ATTENDANCE_ROUNDS ?? 3);

  const dir = tempDir();
  try {
    const db = openDatabase(dir);
    const store = new WorkforceStore(db, new IdentityCipher(randomBytes(32), randomBytes(32)));
    const passages = seed(db, store);
    const service = new AttendanceService({ db, rules: () => [DEFAULT_ATTENDANCE_RULE], timeZone: () => 'Asia/Shanghai', projectName: () => '滨江中心项目（基准）', now: () => Date.parse('2026-04-05T09:00:00+08:00') });

    // Ledger computation vs reading the same passages, interleaved.
    const compute = [];
    const read = [];
    let ledger;
    let pay;
    for (let r = 0; r < rounds; r++) {
      let t = performance.now();
      db.prepare("SELECT worker_id, direction, at FROM wf_passages WHERE at >= ? AND at < ? AND worker_id IS NOT NULL AND outcome IN ('admitted','left') ORDER BY worker_id, at").raw().all(Date.parse('2026-02-28T00:00:00+08:00'), Date.parse('2026-04-02T04:00:00+08:00'));
      read.push(performance.now() - t);
      t = performance.now();
      ({ ledger, pay } = service.paySheet(MONTH));
      compute.push(performance.now() - t);
    }
    const input = join(dir, 'ledger.json');
    writeFileSync(input, JSON.stringify({ ledger, pay }));

    const tasks = ['ledger', 'pay'].flatMap((kind) => ['csv', 'xlsx', 'pdf'].map((format) => ({ kind, format })));
    const results = new Map(tasks.map((t) => [`${t.kind}.${t.format}`, []]));
    for (let r = 0; r < rounds; r++) {
      for (const t of r % 2 ? [...tasks].reverse() : tasks) {
        const out = join(dir, `${t.kind}-${r}.${t.format}`);
        const answer = execFileSync(process.execPath, [join(root, 'bench', 'attendance-documents-child.mjs'), root, input, t.kind, t.format, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
        results.get(`${t.kind}.${t.format}`).push({ ...JSON.parse(answer), size: statSync(out).size });
      }
    }

    // Event loop while the ledger PDF is made: worker thread (the core's way) vs on the loop.
    const loopMax = async (work) => {
      const h = monitorEventLoopDelay({ resolution: 10 });
      h.enable();
      // The monitor measures from its previous tick: let it tick before the work starts, or a
      // stall that begins at once is never seen.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const t = performance.now();
      await work();
      const ms = performance.now() - t;
      // A stall is recorded when the monitor's timer finally runs: let it run before reading.
      await new Promise((resolve) => setTimeout(resolve, 50));
      h.disable();
      return { maxMs: h.max / 1e6, ms };
    };
    let handoverMs = 0;
    const inWorker = await loopMax(() => {
      // The synchronous part: the request serialised and the worker started, on the calling thread.
      const t = performance.now();
      const done = renderToFile({ kind: 'ledger', format: 'pdf', ledger, generatedAt: '2026-04-01 09:00' }, join(dir, 'w.pdf'));
      handoverMs = performance.now() - t;
      return done;
    });
    const onLoop = await loopMax(() => renderDocument({ kind: 'ledger', format: 'pdf', ledger, generatedAt: '2026-04-01 09:00' }));
    // The machine's own noise: the same monitor over 3 s while another thread of this process
    // spins (the same contention for the 2 cores as a document worker, without our code).
    const idle = await loopMax(
      () =>
        new Promise((resolve) => {
          const spinner = new Worker('const end = Date.now() + 3000; while (Date.now() < end);', { eval: true });
          spinner.on('exit', resolve);
        }),
    );

    const stat = (key, field) => {
      const v = results.get(key).map((x) => x[field]);
      return { med: median(v), min: Math.min(...v), max: Math.max(...v) };
    };
    const spread = (s, digits = 0) => `min–max ${s.min.toFixed(digits)}–${s.max.toFixed(digits)}`;
    const rows = [
      {
        name: `ledger computed from ${passages.toLocaleString('en')} passages (${ledger.rows.length} rows), median of ${rounds}; ${spread({ min: Math.min(...compute), max: Math.max(...compute) })}`,
        value: median(compute),
        unit: 'ms',
        baselineName: 'SELECT of the same passages',
        baseline: median(read),
      },
    ];
    for (const kind of ['ledger', 'pay']) {
      const csv = stat(`${kind}.csv`, 'ms');
      const csvMem = stat(`${kind}.csv`, 'peakRssMiB');
      for (const format of ['xlsx', 'pdf']) {
        const time = stat(`${kind}.${format}`, 'ms');
        const mem = stat(`${kind}.${format}`, 'peakRssMiB');
        const size = stat(`${kind}.${format}`, 'size');
        const label = `${kind === 'ledger' ? 'ledger (考勤台账)' : 'pay sheet (工资表)'} ${format.toUpperCase()}`;
        rows.push({ name: `${label}: time, median of ${rounds} (${spread(time)}; CSV ${spread(csv)}); file ${(size.med / 1024).toFixed(0)} KiB`, value: time.med, unit: 'ms', baselineName: 'same rows as CSV', baseline: csv.med, target: '< 30000 ms', met: time.max < 30_000 });
        rows.push({ name: `${label}: peak resident memory of its process (${spread(mem, 0)}; CSV ${spread(csvMem, 0)})`, value: mem.med, unit: 'MiB', baselineName: 'same rows as CSV', baseline: csvMem.med, target: '< 1024 MiB', met: mem.max < 1024 });
      }
    }
    rows.push({
      name: `longest event-loop stall while the ledger PDF is made in a worker thread (${inWorker.ms.toFixed(0)} ms to make it; worker thread used: ${RENDERS_IN_WORKER}; handing it over took ${handoverMs.toFixed(0)} ms of the loop; noise: ${idle.maxMs.toFixed(0)} ms longest delay while a bare thread spins 3 s)`,
      value: inWorker.maxMs,
      unit: 'ms',
      baselineName: `made on the event loop (${onLoop.ms.toFixed(0)} ms)`,
      baseline: onLoop.maxMs,
      target: '< 100 ms',
      met: inWorker.maxMs < 100,
    });
    db.close();
    return rows;
  } finally {
    removeDir(dir);
  }
}

/** 2,000 workers, 3 companies, 8 teams, two punches on 27 of 31 days; returns the passages written. */
function seed(db, store) {
  const companies = ['江苏华建劳务有限公司', '南通恒达建筑安装公司', '浙江宏远机电工程公司'].map((name, i) => store.createCompany({ creditCode: `91320100MA1X00000${i}`, name, kind: 'sub' }));
  const teams = ['钢筋一班', '钢筋二班', '木工一班', '木工二班', '混凝土班', '水电班', '架子班', '焊工班'].map((name, i) => ({ id: store.createTeam({ companyId: companies[i % 3], name }), companyId: companies[i % 3] }));
  const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
  const given = ['建国', '志强', '海涛', '春生', '德明', '小龙', '永刚', '国庆', '红军', '文华', '宏伟', '立新'];
  const insert = db.prepare("INSERT INTO wf_passages (event_key, gate_id, worker_id, credential_kind, direction, at, received, outcome) VALUES (?, 'gate-1', ?, 'card', ?, ?, ?, ?)");
  let n = 0;
  db.transaction(() => {
    for (let i = 0; i < WORKERS; i++) {
      const team = teams[i % teams.length];
      const id = store.createWorker({ name: `${surnames[i % 20]}${given[Math.floor(i / 20) % 12]}`, idType: 'mainland', idNumber: `BENCH${String(i).padStart(8, '0')}`, trade: '钢筋工', bankName: '中国农业银行', bankCard: `622848${String(1e12 + i)}` });
      store.enter({ workerId: id, companyId: team.companyId, teamId: team.id, enteredOn: '2026-01-01', wageKind: i % 5 ? 'daily' : 'hourly', wageRateFen: i % 5 ? 32_000 + (i % 7) * 500 : 4_550 });
      for (let d = 1; d <= 31; d++) {
        if ((d + i) % 8 === 0) continue;
        const day = `${MONTH}-${String(d).padStart(2, '0')}`;
        const tin = Date.parse(`${day}T07:${String(30 + ((i + d) % 29)).padStart(2, '0')}:00+08:00`);
        insert.run(`b-${n++}`, id, 'in', tin, tin, 'admitted');
        if ((i * 31 + d) % 97 === 0) continue; // a missing exit now and then
        const tout = Date.parse(`${day}T17:${String(10 + ((i * d) % 49)).padStart(2, '0')}:00+08:00`);
        insert.run(`b-${n++}`, id, 'out', tout, tout, 'left');
      }
    }
  })();
  return n;
}
