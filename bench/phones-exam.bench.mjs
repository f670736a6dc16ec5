// 300 phones taking an exam at once against a real core: each phone loads the worker page (HTML,
// its script and stylesheet) and identifies (its first API call), opens the course list and the
// course, starts the exam, saves 10 answers one by one and hands in. Baseline, interleaved in each
// round: 300 clients sending the same number of requests, in the same order of concurrency, to
// `GET /api/health`. Rounds: BENCH_PHONE_ROUNDS (default 3); phones: BENCH_PHONES (default 300).
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, percentile, removeDir, spawnUntil, stop, tempDir } from './lib.mjs';

export const title = 'Training: 300 phones taking an exam at once (issue 11)';

const PHONES = Number(process.env.BENCH_PHONES ?? 300);
const ROUNDS = Number(process.env.BENCH_PHONE_ROUNDS ?? 3);

/** Registers `count` workers in the data folder with its own vault keys, before the core starts. */
async function seedWorkers(root, dataDir, count) {
  const load = (p) => import(pathToFileURL(join(root, 'dist', 'electron', p)).href);
  const { openDatabase, closeDatabase } = await load('core/store/database.js');
  const { openVaults } = await load('core/secrets/open-vaults.js');
  const { IdentityCipher } = await load('core/workforce/identity-cipher.js');
  const { WorkforceStore } = await load('core/workforce/workforce-store.js');
  const { makeGb11643 } = await load('common/id-number.js');
  const db = openDatabase(dataDir);
  const store = new WorkforceStore(db, IdentityCipher.fromVault(openVaults(dataDir).secrets));
  const phones = [];
  store.transaction(() => {
    const companyId = store.createCompany({ creditCode: '91110000600037341L', name: '测试总包', kind: 'general' });
    const teamId = store.createTeam({ companyId, name: '一班' });
    for (let i = 0; i < count; i++) {
      const birth = new Date(Date.UTC(1975, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const idNumber = makeGb11643('110101', birth, (i % 900) + 100);
      const phone = `1390000${String(i).padStart(4, '0')}`;
      const workerId = store.createWorker({ name: `工人${i}`, idType: 'mainland', idNumber, trade: '钢筋工', phone });
      store.enter({ workerId, companyId, teamId, enteredOn: '2026-01-01' });
      phones.push({ idNumber, phone });
    }
  });
  closeDatabase(db);
  return phones;
}

async function timed(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * One HTTP request on the client's own keep-alive connection (a phone is one client with its own
 * connection; a shared pool would let one phone's request wait behind another's).
 */
function send(agent, url, { method = 'GET', body, token } = {}) {
  return new Promise((resolve, reject) => {
    const headers = { ...(body !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) };
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function json(agent, url, init = {}) {
  const r = await send(agent, url, init);
  const body = JSON.parse(r.body.toString('utf8'));
  if (r.status !== 200) throw new Error(`${init.method ?? 'GET'} ${url}: ${r.status} ${JSON.stringify(body)}`);
  return body;
}

const phoneAgent = () => new Agent({ keepAlive: true, maxSockets: 1 });

/** One phone: page load (static + identify), then the exam. */
async function phoneSession(base, who, answersOf, out) {
  const agent = phoneAgent();
  let token = '';
  out.page.push(
    await timed(async () => {
      const html = (await send(agent, `${base}/worker.html`)).body.toString('utf8');
      const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]);
      for (const a of assets) await send(agent, `${base}/${a}`);
      out.identify.push(await timed(async () => (token = (await json(agent, `${base}/api/worker/session`, { method: 'POST', body: JSON.stringify(who) })).token)));
    }),
  );
  const courses = await json(agent, `${base}/api/worker/courses`, { token });
  const course = courses.find((c) => c.kind === 'induction');
  await json(agent, `${base}/api/worker/courses/${course.id}`, { token });
  let exam;
  out.start.push(await timed(async () => (exam = await json(agent, `${base}/api/worker/courses/${course.id}/exam`, { method: 'POST', body: '{}', token }))));
  for (const q of exam.questions) {
    out.answer.push(await timed(() => json(agent, `${base}/api/worker/attempts/${exam.attemptId}/answer`, { method: 'POST', body: JSON.stringify({ questionId: q.id, choice: answersOf.get(q.id) }), token })));
  }
  let result;
  out.submit.push(await timed(async () => (result = await json(agent, `${base}/api/worker/attempts/${exam.attemptId}/submit`, { method: 'POST', body: '{}', token }))));
  if (result.passed) out.passed++;
  agent.destroy();
  return exam.questions.length;
}

/** The baseline client: the same count of sequential requests, to /api/health; the first 4 make its "page". */
async function healthSession(base, requests, out) {
  const agent = phoneAgent();
  out.page.push(await timed(async () => {
    for (let i = 0; i < 4; i++) await send(agent, `${base}/api/health`);
  }));
  for (let i = 4; i < requests; i++) out.request.push(await timed(() => send(agent, `${base}/api/health`)));
  agent.destroy();
}

export async function run({ root }) {
  const dataDir = tempDir('sc-bench-phones-');
  const WARM_UP = 30;
  const phones = await seedWorkers(root, dataDir, PHONES * ROUNDS + WARM_UP);
  const serve = await spawnUntil(process.execPath, [join(root, 'dist', 'electron', 'core', 'cli', 'serve.js'), '--port', '0', '--data', dataDir], /Site Command listening on (https?:\/\/\S+)/, { SITE_COMMAND_ADMIN_PASSWORD: 'bench-admin-password' });
  const base = serve.match[1];
  try {
    const office = phoneAgent();
    const admin = (await json(office, `${base}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'admin', password: 'bench-admin-password' }) })).token;
    const course = (await json(office, `${base}/api/training/courses`, { token: admin })).find((c) => c.kind === 'induction');
    const detail = await json(office, `${base}/api/training/courses/${course.id}`, { token: admin });
    office.destroy();
    const answersOf = new Map(detail.questions.map((q) => [q.id, q.answer]));
    // Warm-up (not measured): the core's JIT and SQLite's page cache, as on a site where the page has been used before.
    const warm = { page: [], identify: [], start: [], answer: [], submit: [], passed: 0 };
    await Promise.all(phones.slice(PHONES * ROUNDS).map((who) => phoneSession(base, who, answersOf, warm)));
    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) {
      const exam = { page: [], identify: [], start: [], answer: [], submit: [], passed: 0 };
      const t0 = performance.now();
      const counts = await Promise.all(phones.slice(r * PHONES, (r + 1) * PHONES).map((who) => phoneSession(base, who, answersOf, exam)));
      const examWall = performance.now() - t0;
      const requestsPerPhone = 3 + 1 + 2 + 1 + counts[0] + 1;
      const health = { page: [], request: [] };
      const t1 = performance.now();
      await Promise.all(Array.from({ length: PHONES }, () => healthSession(base, requestsPerPhone, health)));
      const healthWall = performance.now() - t1;
      if (exam.passed !== PHONES) throw new Error(`only ${exam.passed} of ${PHONES} phones passed`);
      rounds.push({
        page: percentile(exam.page, 95),
        identify: percentile(exam.identify, 95),
        answer: percentile(exam.answer, 95),
        submit: percentile(exam.submit, 95),
        start: percentile(exam.start, 95),
        examWall,
        healthPage: percentile(health.page, 95),
        healthRequest: percentile(health.request, 95),
        healthWall,
      });
      process.stderr.write(`  round ${r + 1}: ${JSON.stringify(rounds.at(-1), (_k, v) => (typeof v === 'number' ? Math.round(v) : v))}\n`);
    }
    const m = (key) => median(rounds.map((x) => x[key]));
    const spread = (key) => `${Math.round(Math.min(...rounds.map((x) => x[key])))}–${Math.round(Math.max(...rounds.map((x) => x[key])))}`;
    const of = `median of ${ROUNDS} rounds' p95`;
    return [
      { name: `page load p95 (worker.html + script + style + identify), ${PHONES} phones at once; ${of} (spread ${spread('page')})`, value: m('page'), unit: 'ms', baseline: m('healthPage'), baselineName: `4 × GET /api/health, ${PHONES} clients at once (spread ${spread('healthPage')})`, target: '< 2000 ms', met: m('page') < 2000 },
      { name: `of which identify (the first API call) p95; ${of} (spread ${spread('identify')})`, value: m('identify'), unit: 'ms', baseline: m('healthRequest'), baselineName: 'GET /api/health p95' },
      { name: `answer saved p95; ${of} (spread ${spread('answer')})`, value: m('answer'), unit: 'ms', baseline: m('healthRequest'), baselineName: `GET /api/health p95 (spread ${spread('healthRequest')})`, target: '< 500 ms', met: m('answer') < 500 },
      { name: `hand-in (grade + training record) p95; ${of} (spread ${spread('submit')})`, value: m('submit'), unit: 'ms', baseline: m('healthRequest'), baselineName: 'GET /api/health p95', target: '< 1000 ms', met: m('submit') < 1000 },
      { name: `exam start (draw + store) p95; ${of} (spread ${spread('start')})`, value: m('start'), unit: 'ms', baseline: m('healthRequest'), baselineName: 'GET /api/health p95' },
      { name: `whole exam for ${PHONES} phones (${PHONES * 17} requests), wall; median`, value: m('examWall'), unit: 'ms', baseline: m('healthWall'), baselineName: `the same count of /api/health requests` },
    ];
  } catch (error) {
    process.stderr.write(serve.output().slice(-4000));
    throw error;
  } finally {
    await stop(serve.child);
    removeDir(dataDir);
  }
}
