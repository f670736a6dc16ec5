import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Alarm } from '../../electron/common/alarms.js';
import type { AuditVerifyProgress } from '../../electron/common/api.js';
import { craneReading, publishCraneReading } from '../helpers/crane-telemetry.js';
import { eventually } from '../helpers/eventually.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { getJson, login, loginAs as loginWith, postJson, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// Crane overload through a real mosquitto → latched critical alarm → roles → ack → reset → audit.
let broker: MosquittoBroker;
let serve: ServeProcess;
let admin: string;
let device: MqttClient;
let ackedKey = '';
let ackedId = '';

const publishCrane = (loadT: number) => publishCraneReading(device, 'crane-1', craneReading({ loadT, ratedLoadT: 8, momentPct: (loadT / 8) * 100, windMs: 4 }));
const post = <T>(path: string, token: string, body: unknown) => postJson<T>(`${serve.url}${path}`, token, body);
const loginAs = (username: string) => loginWith(serve.url, username, 'password-123');
const alarmsOf = (token: string, query = '') => getJson<Alarm[]>(`${serve.url}/api/alarms${query}`, token).then((r) => r.body);

beforeAll(async () => {
  broker = await MosquittoBroker.start();
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--mqtt', broker.url]);
  admin = await login(serve.url);
  await serve.waitFor(/connected to broker/);
  device = await mqtt.connectAsync(broker.url, { clientId: 'alarm-test-device' });
  for (const [username, role] of [['safety1', 'safety'], ['viewer1', 'viewer'], ['operator1', 'operator']]) {
    const created = await post(`/api/users`, admin, { username, password: 'password-123', role });
    expect(created.status).toBe(200);
  }
});
afterAll(async () => {
  await device?.endAsync();
  await serve?.stop();
  await broker?.stop();
  removeTempDirs();
});

describe('alarm workflow', () => {
  it('only an admin creates users; a duplicate is a conflict', async () => {
    const viewer = await login(serve.url, 'password-123').catch(() => null);
    expect(viewer).toBeNull(); // admin's password differs
    const viewerToken = await loginAs('viewer1');
    expect((await post('/api/users', viewerToken, { username: 'x1', password: 'password-123', role: 'admin' })).status).toBe(403);
    expect((await post('/api/users', admin, { username: 'safety1', password: 'password-123', role: 'safety' })).status).toBe(409);
  });

  it('a crane overload raises a critical latched alarm, pushed live within 1 s', async () => {
    const ws = new WebSocket(serve.url.replace('http', 'ws') + '/api/live');
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'auth', token: admin }));
    const published = { at: 0 };
    const pushed = new Promise<{ event: { type: string; priority: string; conditionKey: string; alarm: Alarm }; at: number }>((resolve) =>
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data));
        if (msg.type === 'alarm' && msg.event.type === 'activated' && msg.event.conditionKey.includes('cutoff')) resolve({ event: msg.event, at: Date.now() });
      }),
    );
    await new Promise((r) => setTimeout(r, 200));
    published.at = Date.now();
    await publishCrane(9.2); // 115 % of 8 t
    const { event, at } = await pushed;
    ws.close();
    expect(at - published.at).toBeLessThan(1000);
    expect(event.priority).toBe('critical');
    expect(event.alarm.latched).toBe(true);
    expect(event.alarm.state).toBe('unack-active');
  });

  it('enforces roles and the comment rule on acknowledge', async () => {
    const [cutoff] = await alarmsOf(admin, '?priority=critical');
    expect(cutoff?.conditionKey).toMatch(/^crane-1:.*cutoff$/);
    const viewer = await loginAs('viewer1');
    expect((await post(`/api/alarms/${cutoff!.id}/ack`, viewer, { comment: 'x' })).status).toBe(403);
    const safety = await loginAs('safety1');
    const noComment = await post<{ field: string }>(`/api/alarms/${cutoff!.id}/ack`, safety, {});
    expect(noComment.status).toBe(400);
    expect(noComment.body.field).toBe('comment');
    const acked = await post<Alarm>(`/api/alarms/${cutoff!.id}/ack`, safety, { comment: 'Load set down; rigging checked' });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ state: 'ack-active', ackedBy: 'safety1' });
    ackedKey = acked.body.conditionKey;
    ackedId = acked.body.id;
  });

  it('stays latched after the load returns to normal, until an authorised reset', async () => {
    await publishCrane(2);
    const cutoffOf = (list: Alarm[]) => list.find((a) => a.conditionKey === ackedKey);
    // Clears after the crane off-delay (5 s) with the load back to normal.
    const cutoff = cutoffOf(await eventually(() => alarmsOf(admin, '?state=all&priority=critical'), (list) => cutoffOf(list)?.conditionActive === false, 12_000, 50));
    expect(cutoff).toMatchObject({ latched: true, conditionActive: false });
    expect(cutoff!.state).not.toBe('normal');
    const operator = await loginAs('operator1');
    expect((await post(`/api/alarms/${cutoff!.id}/reset`, operator, { comment: 'ok' })).status).toBe(403);
    const safety = await loginAs('safety1');
    const reset = await post<Alarm>(`/api/alarms/${cutoff!.id}/reset`, safety, { comment: 'Limiter tested after overload' });
    expect(reset.status).toBe(200);
    expect(reset.body.state).toBe('normal');
    expect((await alarmsOf(admin, '?priority=critical')).filter((a) => a.conditionKey === cutoff!.conditionKey)).toEqual([]);
  }, 20_000);

  it('keeps the whole story in the hash-chained audit log, and it verifies', async () => {
    // The occurrence is over (reset): its detail comes from the audit log.
    const detail = await getJson<{ alarm: Alarm; history: { eventType: string; actor: string; text: string | null }[] }>(`${serve.url}/api/alarms/${ackedId}`, admin);
    expect(detail.status).toBe(200);
    expect(detail.body.alarm).toMatchObject({ id: ackedId, conditionKey: ackedKey, state: 'normal', ackedBy: 'safety1', resetBy: 'safety1', latched: true });
    const types = detail.body.history.map((h) => h.eventType);
    expect(types).toEqual(expect.arrayContaining(['activated', 'acknowledged', 'returned-to-normal', 'reset']));
    expect(detail.body.history.find((h) => h.eventType === 'acknowledged')).toMatchObject({ actor: 'safety1', text: 'Load set down; rigging checked' });
    // Verification is a job: started (or joined) with POST, its progress read with GET.
    expect((await postJson(`${serve.url}/api/audit/verify`, admin, {})).status).toBe(200);
    const verify = await eventually(
      async () => (await getJson<AuditVerifyProgress>(`${serve.url}/api/audit/verify`, admin)).body,
      (progress) => progress.state === 'done',
    );
    expect(verify.result).toMatchObject({ ok: true });
    expect(verify.result!.ok && verify.result!.rows).toBeGreaterThanOrEqual(4);
  });

  it('bulk-acknowledges with one comment and reports KPIs', async () => {
    await device.publishAsync('site/demo/hoist/hoist-1/telemetry', JSON.stringify({ loadKg: 2500, ratedLoadKg: 2000, people: 12, ratedPeople: 9, floor: 3, heightM: 9, speedMs: 0.8, doorOpen: true, tiltDeg: 0.1 }), { qos: 1 });
    const hoistAlarms = await eventually(
      () => alarmsOf(admin, '?state=unacked&device=hoist-1'),
      (l) => l.length >= 3,
      5000,
      50,
    );
    const safety = await loginAs('safety1');
    const bulk = await post<{ acknowledged: Alarm[]; refused: unknown[] }>('/api/alarms/ack', safety, { ids: hoistAlarms.map((a) => a.id), comment: 'Cage stopped, crew briefed' });
    expect(bulk.status).toBe(200);
    expect(bulk.body.acknowledged).toHaveLength(hoistAlarms.length);
    expect(bulk.body.refused).toEqual([]);
    const kpis = await getJson<{ activationsInFloodWindow: number; acknowledgements: number; meanTimeToAckMs: number | null }>(`${serve.url}/api/alarm-kpis`, admin);
    expect(kpis.body.activationsInFloodWindow).toBeGreaterThanOrEqual(4);
    expect(kpis.body.acknowledgements).toBeGreaterThanOrEqual(4);
    expect(kpis.body.meanTimeToAckMs).toBeGreaterThan(0);
  });

});
