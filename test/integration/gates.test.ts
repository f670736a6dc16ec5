import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Alarm } from '../../electron/common/alarms.js';
import type { CertificateWatch, GateAnswer, HeadcountView, PassageView } from '../../electron/common/api/gates.js';
import { siteLocalTime } from '../../electron/core/alarms/rules/site-clock.js';
import type { SiteCore } from '../../electron/core/site-core.js';
import { addDays } from '../../electron/core/workforce/certificate-watch.js';
import type { WorkforceWiring } from '../../electron/core/wiring/workforce.js';
import { craneReading, publishCraneReading } from '../helpers/crane-telemetry.js';
import { eventually } from '../helpers/eventually.js';
import { captureJpeg, startGateCore } from '../helpers/gate-core.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { getJson, login, mediaTicketUrl, postJson } from '../helpers/serve-process.js';
import { removeTempDirs } from '../helpers/temp-dir.js';
import { seedWorkforce } from '../helpers/workforce-fixtures.js';

// Gate passages over mosquitto and HTTP through a real core: headcount live, alarms with the
// capture photo, the crane driver's certificate, and bad gate events answered clearly.
let broker: MosquittoBroker;
let core: SiteCore;
let url: string;
let wf: WorkforceWiring;
let admin: string;
let gateToken: string;
let device: MqttClient;
let workers: number[];

// Certificate days are the site's calendar days (Asia/Shanghai), not UTC's.
const today = siteLocalTime(Date.now(), 'Asia/Shanghai').day;
const dayOffset = (n: number) => addDays(today, n);

async function push(body: unknown, token = gateToken): Promise<{ status: number; body: GateAnswer & { error?: string } }> {
  const r = await fetch(`${url}/api/gate-events`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as GateAnswer & { error?: string } };
}
const event = (card: string, direction: 'in' | 'out', eventId: string, extra: Record<string, unknown> = {}) => ({
  gateId: 'gate-1',
  eventId,
  at: new Date().toISOString(),
  direction,
  credential: { kind: 'card', value: card },
  ...extra,
});
const headcount = () => getJson<HeadcountView>(`${url}/api/headcount`, admin).then((r) => r.body);
const alarms = () => getJson<Alarm[]>(`${url}/api/alarms?state=all`, admin).then((r) => r.body);

beforeAll(async () => {
  broker = await MosquittoBroker.start();
  ({ core, url, workforce: wf } = await startGateCore({ mqttUrl: broker.url }));
  const seeded = seedWorkforce(wf.store, {
    count: 5,
    enteredOn: '2026-01-01',
    certificates: [
      { worker: 3, type: 'tower-crane-driver', validFrom: '2024-12-01', validTo: dayOffset(-6) },
      { worker: 4, type: 'tower-crane-driver', validFrom: '2025-01-01', validTo: dayOffset(12) },
    ],
  });
  workers = seeded.workers;
  admin = await login(url);
  const issued = await postJson<{ token: string }>(`${url}/api/gates/gate-1/token`, admin, {});
  expect(issued.status).toBe(200);
  gateToken = issued.body.token;
  device = await mqtt.connectAsync(broker.url, { clientId: 'gates-test-device' });
  await eventually(() => getJson<{ sources: { id: string; state: string }[] }>(`${url}/api/site`, admin), (r) => r.body.sources.some((s) => s.id === 'mqtt' && s.state === 'connected'), 10_000, 100);
}, 30_000);

afterAll(async () => {
  await device?.endAsync();
  await core?.stop();
  await broker?.stop();
  removeTempDirs();
});

describe('gate events', () => {
  it('a worker in over HTTP and another over MQTT raise the headcount, pushed on the live socket; out lowers it', async () => {
    const ws = new WebSocket(url.replace('http', 'ws') + '/api/live');
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'auth', token: admin }));
    const seen: HeadcountView[] = [];
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data));
      if (msg.type === 'headcount') seen.push(msg.headcount);
    });
    await new Promise((r) => setTimeout(r, 200));
    const a = await push(event('C1', 'in', 'h-1'));
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ open: true, outcome: 'admitted', worker: { name: '工人1' } });
    await device.publishAsync('site/demo/gate/gate-1/telemetry', JSON.stringify({ ts: new Date().toISOString(), workerId: 'C2', direction: 'in', gateId: 'gate-1' }), { qos: 1 });
    await eventually(() => Promise.resolve(seen.at(-1)), (v) => v?.total === 2, 5000, 50);
    const v = await headcount();
    expect(v).toMatchObject({ total: 2, workers: 2 });
    expect(v.byTeam).toEqual([{ key: String(1), label: '钢筋一班', workers: 2, managers: 0 }]);
    expect((await getJson<{ workersOnSite: number }>(`${url}/api/site`, admin)).body.workersOnSite).toBe(2);
    await push(event('C1', 'out', 'h-2', { at: new Date(Date.now() + 1000).toISOString() }));
    await eventually(() => Promise.resolve(seen.at(-1)), (x) => x?.total === 1, 5000, 50);
    ws.close();
    const passages = (await getJson<PassageView[]>(`${url}/api/passages`, admin)).body;
    expect(passages.slice(0, 3).map((p) => [p.workerName, p.direction, p.outcome])).toEqual([
      ['工人1', 'out', 'left'],
      ['工人2', 'in', 'admitted'],
      ['工人1', 'in', 'admitted'],
    ]);
  });

  it('an unknown card raises an alarm whose capture photo exists and is served through a media ticket', async () => {
    const a = await push(event('X-999', 'in', 'u-1', { photo: await captureJpeg() }));
    expect(a.body).toMatchObject({ open: false, outcome: 'unknown', worker: null });
    const alarm = (await eventually(alarms, (list) => list.some((x) => x.text?.key === 'gate.unknown'), 5000, 50)).find((x) => x.text?.key === 'gate.unknown')!;
    expect(alarm).toMatchObject({ priority: 'medium', sourceDevice: 'gate-1', state: 'unack-rtn' });
    expect(alarm.photo).toMatch(/^\/api\/media\/captures\/gate-1-\d{8}T\d{9}Z-[0-9a-f]{8}\.jpg$/);
    const file = join(wf.dirs.captures, alarm.photo!.split('/').at(-1)!);
    expect(existsSync(file)).toBe(true);
    expect((await fetch(`${url}${alarm.photo}`)).status).toBe(401);
    const served = await fetch(await mediaTicketUrl(url, admin, alarm.photo!));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await served.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    // Acknowledging the returned event-alarm puts it back to normal.
    const acked = await postJson<Alarm>(`${url}/api/alarms/${alarm.id}/ack`, admin, { comment: 'guard checked the visitor' });
    expect(acked.body.state).toBe('normal');
  });

  it('keeps out a blacklisted worker, an exited worker and one without induction, each with its reason', async () => {
    wf.store.addToBlacklist({ idHash: wf.store.worker(workers[2]!)!.idHash, workerId: workers[2]!, reason: '冒用他人证件', by: 'labour1' });
    const blacklisted = await push(event('C3', 'in', 'b-1'));
    expect(blacklisted.body).toMatchObject({ open: false, outcome: 'blacklisted' });
    expect(blacklisted.body.reason.zh).toMatch(/黑名单/);
    const exitedId = wf.store.createWorker({ name: '退场工', idType: 'mainland', idNumber: '11010119900307663X', trade: '木工', cardNo: 'C-EXIT' });
    wf.store.enter({ workerId: exitedId, companyId: 1, enteredOn: '2026-01-01' });
    wf.store.exit(exitedId, '2026-06-30');
    expect((await push(event('C-EXIT', 'in', 'x-1'))).body).toMatchObject({ open: false, outcome: 'exited-worker' });
    const freshId = wf.store.createWorker({ name: '新工人', idType: 'mainland', idNumber: '110101199003078515', trade: '木工', cardNo: 'C-NEW' });
    wf.store.enter({ workerId: freshId, companyId: 1, enteredOn: today });
    const fresh = await push(event('C-NEW', 'in', 'n-1'));
    expect(fresh.body).toMatchObject({ open: false, outcome: 'no-induction' });
    expect(fresh.body.reason.en).toMatch(/induction/);
    const list = await eventually(alarms, (l) => ['gate.blacklisted', 'gate.exitedWorker', 'gate.noInduction'].every((k) => l.some((a) => a.text?.key === k)), 5000, 50);
    expect(list.find((a) => a.text?.key === 'gate.blacklisted')?.priority).toBe('high');
    expect(list.find((a) => a.text?.key === 'gate.noInduction')?.priority).toBe('low');
  });

  it('answers a gate the site file lacks, an event three days late and a wrong token clearly', async () => {
    const unknownGate = await push({ ...event('C1', 'in', 'g-1'), gateId: 'gate-99' });
    expect(unknownGate.status).toBe(404);
    expect(unknownGate.body).toMatchObject({ open: false, outcome: 'unknown-gate' });
    expect(unknownGate.body.reason.en).toMatch(/not in the site file/);
    const late = await push(event('C4', 'in', 'l-1', { at: new Date(Date.now() - 3 * 86_400_000 - 60_000).toISOString() }));
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ open: false, outcome: 'too-late' });
    expect(late.body.error).toMatch(/72 h/);
    expect((await push(event('C4', 'in', 't-1'), 'not-the-token')).status).toBe(401);
    const stats = (await getJson<Record<string, number>>(`${url}/api/gate-stats`, admin)).body;
    expect(stats).toMatchObject({ unknownGate: 1, tooLate: 1, unauthorized: 1 });
    // A photo that is not a JPEG is refused before anything is stored.
    const png = await push(event('C4', 'in', 'p-1', { photo: Buffer.from('not an image at all').toString('base64') }));
    expect(png.status).toBe(400);
    expect(png.body.error).toMatch(/photo/);
  });

  it('a crane driven by a worker whose certificate expired raises a high alarm naming both', async () => {
    // Worker 4 (C4) holds a tower-crane certificate that ended six days ago.
    await publishCraneReading(device, 'crane-1', { ...craneReading({ loadT: 2, ratedLoadT: 8, momentPct: 25 }), operatorId: 'C4' });
    const list = await eventually(alarms, (l) => l.some((a) => a.conditionKey === 'crane-1:operator-certificate' && a.conditionActive), 5000, 50);
    const alarm = list.find((a) => a.conditionKey === 'crane-1:operator-certificate')!;
    expect(alarm.priority).toBe('high');
    expect(alarm.state).toBe('unack-active');
    expect(alarm.text).toMatchObject({ key: 'operator.expired', params: { person: '工人4', machine: '1# 塔吊 QTZ125', certZh: '塔式起重机司机证', date: dayOffset(-6) } });
    expect(alarm.message).toContain('工人4');
    expect(alarm.message).toContain('1# 塔吊 QTZ125');
    // A certified driver takes over: the condition clears.
    await publishCraneReading(device, 'crane-1', { ...craneReading({ loadT: 2, ratedLoadT: 8, momentPct: 25 }), operatorId: 'C5' });
    await eventually(alarms, (l) => l.find((a) => a.conditionKey === 'crane-1:operator-certificate')?.conditionActive === false, 5000, 50);
    const board = (await getJson<CertificateWatch>(`${url}/api/certificate-watch`, admin)).body;
    expect(board.operators).toEqual([expect.objectContaining({ deviceId: 'crane-1', reportedId: 'C5', workerName: '工人5', state: 'ok' })]);
    expect(board.expiring.map((c) => [c.workerName, c.daysLeft])).toEqual([['工人5', 12]]);
    expect(board.expired.map((c) => c.workerName)).toEqual(['工人4']);
  });

  it('the expired certificate of a worker on the project raises a medium alarm (hourly check)', async () => {
    wf.gates!.certificates.check();
    const list = await alarms();
    const cert = list.find((a) => a.conditionKey.startsWith('workforce:certificate:'));
    expect(cert).toMatchObject({ priority: 'medium', text: { key: 'certificate.expired', params: { person: '工人4' } } });
  });

  it('never answers a fuzzed gate body with a 500', async () => {
    const body = fc.oneof(
      fc.anything(),
      fc.record(
        {
          gateId: fc.oneof(fc.constant('gate-1'), fc.string()),
          eventId: fc.string(),
          at: fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant('2026-13-45T99:99:99Z')),
          direction: fc.oneof(fc.constant('in'), fc.constant('out'), fc.string()),
          credential: fc.oneof(fc.record({ kind: fc.constantFrom('card', 'face', 'id-card', 'worker'), value: fc.string() }), fc.anything()),
          photo: fc.oneof(fc.string(), fc.base64String()),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const r = await push(b);
        expect(r.status).toBeLessThan(500);
        expect(typeof r.body.open).toBe('boolean');
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
