// Gate events per second with the headcount live: the gate processor as both paths feed it
// (credential look-up, dedupe checks, blacklist/membership/induction, one wf_passages insert per
// event in its own transaction, headcount update, the `roster` live event at once and the grouped
// `headcount` event coalesced), into a LiveHub whose one subscriber serialises every event as the
// live socket would. Baseline: a bare prepared INSERT of the same rows into wf_passages (one
// autocommit transaction per row), on a database seeded the same way.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, removeDir, tempDir } from './lib.mjs';

export const title = 'Gate events per second with the headcount live (issue 11)';
export const note =
  'BENCH_GATE_WORKERS (default 2,000) registered workers with gate cards, open stints and the induction course; each round pushes every worker in, then out (2 × workers events, 10 ms apart in gate time, so no repeated-swipe hits), through GateProcessor.process on a fresh SQLite file (WAL, synchronous=NORMAL as the core opens it), yielding to the event loop every 200 events so the coalesced headcount publish runs inside the timed span. Baseline: the same rows by a bare prepared INSERT, one autocommit transaction per row, on a database seeded the same way. Rounds interleaved (processor, baseline, processor, …); median and spread over BENCH_GATE_ROUNDS (default 5).';

const WORKERS = Number(process.env.BENCH_GATE_WORKERS ?? 2000);
const ROUNDS = Number(process.env.BENCH_GATE_ROUNDS ?? 5);
const T0 = Date.parse('2026-12-07T06:30:00+08:00');

export async function run({ root }) {
  const dist = (p) => import(pathToFileURL(join(root, 'dist/electron', p)).href);
  const { openDatabase } = await dist('core/store/database.js');
  const { IdentityCipher } = await dist('core/workforce/identity-cipher.js');
  const { WorkforceStore } = await dist('core/workforce/workforce-store.js');
  const { GateSystem } = await dist('core/workforce/gate-system.js');
  const { personByCredential } = await dist('core/workforce/gate-person.js');
  const { LiveHub } = await dist('core/pipeline/live-hub.js');
  const { createLogger } = await dist('core/log/logger.js');
  const { makeGb11643 } = await dist('common/id-number.js');

  const idNumber = (n) => makeGb11643('110101', new Date(Date.UTC(1970, 0, 1) + n * 86_400_000).toISOString().slice(0, 10).replaceAll('-', ''), (n % 900) + 100);
  function seeded() {
    const dir = tempDir('sc-bench-gates-');
    const db = openDatabase(dir);
    const store = new WorkforceStore(db, new IdentityCipher(randomBytes(32), randomBytes(32)), () => T0);
    store.transaction(() => {
      const companyId = store.createCompany({ creditCode: '91110000600037341L', name: '总包', kind: 'general' });
      const teamId = store.createTeam({ companyId, name: '一班' });
      for (let i = 0; i < WORKERS; i++) {
        const workerId = store.createWorker({ name: `工人${i}`, idType: 'mainland', idNumber: idNumber(i), trade: '钢筋工', cardNo: `C${i}` });
        store.enter({ workerId, companyId, teamId, enteredOn: '2026-01-01' });
        store.addTrainingRecord({ workerId, courseId: null, kind: 'induction', title: '三级安全教育', hours: 24, passed: true, score: 90, at: T0, source: 'office' });
      }
    });
    return { dir, db, store };
  }
  const events = [];
  for (const direction of ['in', 'out']) for (let i = 0; i < WORKERS; i++) events.push({ card: `C${i}`, direction, at: T0 + events.length * 10 });
  const now = T0 + events.length * 10 + 60_000;

  async function processed() {
    const { dir, db, store } = seeded();
    const hub = new LiveHub();
    let bytes = 0;
    let headcounts = 0;
    hub.subscribe((e) => {
      bytes += JSON.stringify(e).length;
      if (e.type === 'headcount') headcounts++;
    });
    const site = { name: 'bench', timeZone: 'Asia/Shanghai', devices: [{ id: 'gate-1', kind: 'gate', name: 'Gate 1' }] };
    const vault = { get: () => null, set: () => undefined };
    const gates = new GateSystem({
      store,
      vault,
      site: () => site,
      raise: () => undefined,
      activeAlarmKeys: () => [],
      publishTotal: (onSite) => hub.publish({ type: 'roster', onSite }),
      publishHeadcount: (headcount) => hub.publish({ type: 'headcount', headcount }),
      log: createLogger({ consoleLevel: 'error' }),
      now: () => now,
    });
    const t0 = performance.now();
    let maxInside = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      const answer = gates.processor.process({
        gateId: 'gate-1',
        eventKey: `gate-1:${i}`,
        at: e.at,
        direction: e.direction,
        credentialKind: 'card',
        credentialValue: e.card,
        worker: personByCredential(store, 'card', e.card),
        via: 'http',
      });
      if (!answer.open) throw new Error(`bench event refused: ${answer.outcome}`);
      maxInside = Math.max(maxInside, gates.headcount.total);
      if (i % 200 === 199) await new Promise((r) => setImmediate(r));
    }
    // The last coalesced headcount publish (at most 250 ms later) belongs to the burst.
    while (headcounts === 0 || gates.headcount.total !== 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 260));
    const ms = performance.now() - t0;
    await gates.stop();
    const stored = db.prepare('SELECT COUNT(*) AS n FROM wf_passages WHERE counted = 1').get().n;
    db.close();
    removeDir(dir);
    if (stored !== events.length || maxInside !== WORKERS) throw new Error(`bench: stored ${stored}, max inside ${maxInside}`);
    return { rate: events.length / (ms / 1000), ms, headcounts, bytes };
  }

  function bare() {
    const { dir, db } = seeded();
    const insert = db.prepare(
      `INSERT INTO wf_passages (event_key, gate_id, worker_id, credential_kind, credential_hash, direction, at, received, outcome, photo_file, counted, via, reason, person_key)
       VALUES (?, 'gate-1', ?, 'card', NULL, ?, ?, ?, ?, NULL, 1, 'http', ?, ?)`,
    );
    const t0 = performance.now();
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      const workerId = Number(e.card.slice(1)) + 1;
      insert.run(`gate-1:${i}`, workerId, e.direction, e.at, now, e.direction === 'in' ? 'admitted' : 'left', 'Worker admitted', `w:${workerId}`);
    }
    const ms = performance.now() - t0;
    db.close();
    removeDir(dir);
    return { rate: events.length / (ms / 1000), ms };
  }

  const p = [];
  const b = [];
  let last = null;
  for (let r = 0; r < ROUNDS; r++) {
    last = await processed();
    p.push(last.rate);
    b.push(bare().rate);
  }
  const pm = median(p);
  const bm = median(b);
  const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  return [
    {
      name: `gate events processed, headcount live (${events.length} events, median of ${ROUNDS}; spread ${spread(p)})`,
      value: pm,
      unit: 'events/s',
      baseline: bm,
      baselineName: `bare INSERT of the same rows (spread ${spread(b)})`,
      target: '> 500 events/s (a 2,000-worker morning rush is about 2,000 events in 30 min)',
      met: pm > 500,
    },
    { name: 'grouped headcount events published per round (coalesced, 250 ms)', value: last.headcounts, unit: 'events' },
  ];
}
