// Records per second uploaded to the national real-name platform, against our fake platform
// (a simulator of its published OpenAPI shape, on loopback): a 2,000-worker site's company,
// teams, workers (with a head photo each) and entries, enqueued into the outbox and sent in the
// platform's order with every upload's asynchronous result queried. Baseline in the same rounds:
// the fake platform's bare request rate — signed calls of the result query for an unknown code,
// at the same concurrency, which exercises HTTP, parsing and signature checks but no records.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, removeDir, tempDir } from './lib.mjs';

export const title = 'Real-name platform uplink: records/s to the fake platform (issue 13)';
export const note =
  'BENCH_RN_WORKERS (default 2,000) workers in 4 teams of one general contractor, each with a 3.6 KB JPEG head photo and an entry: 1 + 4 + 2 × workers records, enqueued by one sync pass and sent through the outbox (8 calls in flight, 3 signed calls per record: upload, a "processing" query, the result query). Baseline: the same client sending signed AsyncHandleResult.Query calls for an unknown code, 8 in flight, as many as the records took calls. Fresh SQLite file and fake platform per round; rounds interleaved; median and spread over BENCH_RN_ROUNDS (default 3).';

const WORKERS = Number(process.env.BENCH_RN_WORKERS ?? 2000);
const ROUNDS = Number(process.env.BENCH_RN_ROUNDS ?? 3);
const KEYS = { appId: 'BENCH-APP', appSecret: 'bench-secret-0123456789abcdefghij', projectCode: '4201062026129999' };

export async function run({ root }) {
  const dist = (p) => import(pathToFileURL(join(root, 'dist/electron', p)).href);
  const { openDatabase } = await dist('core/store/database.js');
  const { IdentityCipher } = await dist('core/workforce/identity-cipher.js');
  const { WorkforceStore } = await dist('core/workforce/workforce-store.js');
  const { Outbox } = await dist('core/uplink/outbox.js');
  const { RealnameUplink } = await dist('core/realname-platform/realname-uplink.js');
  const { RealnamePlatformClient } = await dist('core/realname-platform/platform-client.js');
  const { FakeRealnamePlatform } = await dist('core/sim/realname-platform/fake-platform-server.js');
  const { makeGb11643 } = await dist('common/id-number.js');
  const { default: sharp } = await import('sharp');
  const photo = await sharp({ create: { width: 358, height: 441, channels: 3, background: '#8899aa' } }).jpeg({ quality: 70 }).toBuffer();

  async function uplinkRound() {
    const dir = tempDir('sc-bench-rn-');
    const photos = join(dir, 'photos');
    mkdirSync(photos);
    const db = openDatabase(dir);
    const store = new WorkforceStore(db, new IdentityCipher(randomBytes(32), randomBytes(32)));
    store.transaction(() => {
      const companyId = store.createCompany({ creditCode: '91420100MA4K0000X1', name: '总包', kind: 'general' });
      const teams = [1, 2, 3, 4].map((i) => store.createTeam({ companyId, name: `班组${i}` }));
      for (let i = 0; i < WORKERS; i++) {
        const birth = new Date(Date.UTC(1970, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
        const workerId = store.createWorker({ name: `工人${i}`, idType: 'mainland', idNumber: makeGb11643('420106', birth, (i % 900) + 100), trade: '钢筋工' });
        store.enter({ workerId, companyId, teamId: teams[i % 4], enteredOn: '2026-11-02' });
        writeFileSync(join(photos, `w${workerId}.jpg`), photo);
        db.prepare('UPDATE wf_workers SET photo_file = ? WHERE id = ?').run(`w${workerId}.jpg`, workerId);
      }
    });
    const platform = await FakeRealnamePlatform.start(KEYS);
    const uplink = new RealnameUplink({ db, outbox: new Outbox(db), store, photosDir: photos, queryPausesMs: [0, 0, 0, 0, 0], credentials: () => ({ platformUrl: platform.url, ...KEYS }) });
    const t0 = performance.now();
    await uplink.sync();
    const ms = performance.now() - t0;
    const counts = uplink.states.counts();
    const calls = platform.counters.calls;
    await platform.stop();
    db.close();
    removeDir(dir);
    if (counts.accepted !== 5 + 2 * WORKERS || platform.counters.duplicates !== 0) throw new Error(`not every record accepted once: ${JSON.stringify(counts)}, ${platform.counters.duplicates} duplicates`);
    return { records: counts.accepted, ms, calls };
  }

  async function bareRound(calls) {
    const platform = await FakeRealnamePlatform.start(KEYS);
    const client = new RealnamePlatformClient({ platformUrl: platform.url, ...KEYS });
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next++ < calls) await client.call('AsyncHandleResult.Query', { projectCode: KEYS.projectCode, requestSerialCode: 'none' });
      }),
    );
    const ms = performance.now() - t0;
    await platform.stop();
    return { rate: calls / (ms / 1000) };
  }

  const up = [];
  const bare = [];
  let last = null;
  for (let r = 0; r < ROUNDS; r++) {
    last = await uplinkRound();
    up.push(last);
    bare.push(await bareRound(last.calls));
  }
  const records = up.map((u) => u.records / (u.ms / 1000));
  const callRates = up.map((u) => u.calls / (u.ms / 1000));
  const bareRates = bare.map((b) => b.rate);
  const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  return [
    {
      name: `records uploaded and accepted, ${last.records} records of a ${WORKERS}-worker site (median of ${ROUNDS}; spread ${spread(records)})`,
      value: median(records),
      unit: 'records/s',
    },
    {
      name: `signed calls/s during the upload (${last.calls} calls; spread ${spread(callRates)})`,
      value: median(callRates),
      unit: 'calls/s',
      baseline: median(bareRates),
      baselineName: `fake platform's bare request rate, same client and concurrency (spread ${spread(bareRates)})`,
    },
    { name: 'a 2,000-worker site\'s first full upload, median', value: median(up.map((u) => u.ms)) / 1000, unit: 's' },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await run({ root: join(import.meta.dirname, '..') });
  console.log(JSON.stringify(rows, null, 2));
}
