import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Alarm } from '../../electron/common/alarms.js';
import type { DeviceChange, LiveEvent } from '../../electron/common/api.js';
import type { SiteModel } from '../../electron/common/site-model.js';
import { publishCraneReading } from '../helpers/crane-telemetry.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// An admin corrects crane-2's position through the API while the built core runs on the demo
// site against a real mosquitto: the anti-collision alarm follows the new base from the next
// readings, and the site model and the live channel say so — no restart in between.

let broker: MosquittoBroker;
let serve: ServeProcess;
let admin: string;
let device: MqttClient;
let live: WebSocket;
const events: LiveEvent[] = [];

const CRITICAL = 'crane-1~crane-2:collision:critical';

/**
 * crane-1 (62 m tower at −22, 12) slewed east with its rope hanging at e = 28 from 62 m down to
 * 20 m; crane-2 (48 m tower, 56 m jib) slewed west. At its site-file base (46, 12) crane-2's jib
 * runs at 48 m from e = 58.5 to −10, straight through crane-1's rope.
 */
const POSES = {
  'crane-1': { slewDeg: 90, radiusM: 50, heightM: 20 },
  'crane-2': { slewDeg: 270, radiusM: 20, heightM: 10 },
} as const;

async function publishPoses(): Promise<void> {
  for (const [id, pose] of Object.entries(POSES)) {
    const values = { loadT: 1.2, ratedLoadT: 6, momentPct: 20, windMs: 3, tiltDeg: 0.1, ...pose };
    await publishCraneReading(device, id, { ts: new Date().toISOString(), ...values });
  }
}

async function editDevice(id: string, body: unknown): Promise<{ status: number; body: { field?: string; code?: string; position?: unknown } }> {
  const response = await fetch(`${serve.url}/api/devices/${id}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { field?: string; code?: string } };
}

const siteModel = async () => (await getJson<SiteModel>(`${serve.url}/api/site-model`, admin)).body;
const criticalAlarm = async () => (await getJson<Alarm[]>(`${serve.url}/api/alarms?state=all`, admin)).body.find((a) => a.conditionKey === CRITICAL);

/** Publishes the poses every 300 ms (fresh readings, as a monitor would) until `ok` holds. */
async function publishUntil<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await publishPoses();
    await new Promise((r) => setTimeout(r, 300));
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
  }
}

beforeAll(async () => {
  broker = await MosquittoBroker.start();
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--mqtt', broker.url]);
  await serve.waitFor(/connected to broker/);
  admin = await login(serve.url);
  device = await mqtt.connectAsync(broker.url, { clientId: 'registry-positions-test' });
  live = new WebSocket(`${serve.url.replace('http', 'ws')}/api/live`);
  live.on('message', (data) => events.push(JSON.parse(String(data)) as LiveEvent));
  await new Promise((r) => live.once('open', r));
  live.send(JSON.stringify({ type: 'auth', token: admin }));
});

afterAll(async () => {
  live?.close();
  await device?.endAsync();
  await serve?.stop();
  await broker?.stop();
  removeTempDirs();
});

describe('a crane moved in the registry is judged at its new base without a restart', () => {
  it('refuses bad positions and unknown devices in words, and moves nothing', async () => {
    const cases: [unknown, number, string][] = [
      [{ position: { e: 46, n: 20_000, u: 0 } }, 400, 'position.n'],
      [{ position: { e: 46, n: 12, u: 1500 } }, 400, 'position.u'],
      [{ position: { e: 'NaN', n: 12, u: 0 } }, 400, 'position.e'],
      // JSON has no NaN: a client's NaN arrives as null.
      [{ position: { e: null, n: 12, u: 0 } }, 400, 'position.e'],
      [{ position: { e: 46, n: 12 } }, 400, 'position.u'],
      [{ position: { e: 46, n: 12, u: 0, h: 1 } }, 400, 'position'],
    ];
    for (const [body, status, field] of cases) {
      const answer = await editDevice('crane-2', body);
      expect([answer.status, answer.body.code, answer.body.field], JSON.stringify(body)).toEqual([status, 'bad-request', field]);
    }
    const unknown = await editDevice('crane-9', { position: { e: 0, n: 0, u: 0 } });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not-found']);

    expect((await siteModel()).cranes.find((c) => c.id === 'crane-2')?.base).toEqual({ e: 46, n: 12, u: 0 });
    const detail = await getJson<{ changes: DeviceChange[]; overridden: string[] }>(`${serve.url}/api/devices/crane-2`, admin);
    expect(detail.body).toMatchObject({ changes: [], overridden: [] });
    expect(events.filter((e) => e.type === 'siteModelChanged')).toEqual([]);
  });

  it('at the site-file bases the demo cranes meet: crane-2’s jib runs through crane-1’s rope', async () => {
    const alarm = await publishUntil(criticalAlarm, (a) => a?.conditionActive === true);
    expect(alarm).toMatchObject({ conditionActive: true, priority: 'critical', value: 0 });
    expect(alarm!.message).toMatch(/crane-1 rope ↔ crane-2 jib/);
  });

  it('moved 128 m north, crane-2 can no longer meet crane-1: the alarm returns to normal on the next readings', async () => {
    const pid = serve.child.pid;
    const moved = await editDevice('crane-2', { position: { e: 46, n: 140, u: 0 } });
    expect(moved.status).toBe(200);
    expect(moved.body.position).toEqual({ e: 46, n: 140, u: 0 });

    // The live channel says the model changed; the site model shows the new base.
    await expect.poll(() => events.find((e) => e.type === 'siteModelChanged'), { timeout: 5000 }).toEqual({ type: 'siteModelChanged', deviceId: 'crane-2', fields: ['position'] });
    const model = await siteModel();
    expect(model.cranes.find((c) => c.id === 'crane-2')?.base).toEqual({ e: 46, n: 140, u: 0 });
    expect(model.devices.find((d) => d.id === 'crane-2')?.position).toEqual({ e: 46, n: 140, u: 0 });

    // Same poses as before; judged 145 m apart now, clear after the 2 s off-delay.
    const alarm = await publishUntil(criticalAlarm, (a) => a?.conditionActive === false);
    expect(alarm).toMatchObject({ conditionActive: false, state: 'unack-rtn' });
    expect(alarm!.value).toBeGreaterThan(100);
    // And it stays clear while the same poses keep coming.
    const again = await publishUntil(criticalAlarm, () => false, 1500);
    expect(again?.conditionActive).toBe(false);
    expect(serve.child.pid).toBe(pid);
    expect(serve.exitCode).toBeNull();
  });

  it('moved to (40, 12), they can meet again: the alarm comes back at the new place', async () => {
    const before = events.length;
    const editedAt = Date.now();
    expect((await editDevice('crane-2', { position: { e: 40, n: 12, u: 0 } })).status).toBe(200);
    expect((await siteModel()).cranes.find((c) => c.id === 'crane-2')?.base).toEqual({ e: 40, n: 12, u: 0 });
    // From e = 40 the jib reaches −16 at 48 m: still through crane-1's rope at e = 28.
    const alarm = await publishUntil(criticalAlarm, (a) => a?.conditionActive === true);
    expect(alarm).toMatchObject({ conditionActive: true, value: 0 });
    // A new activation, not the one from the old place left standing.
    expect(alarm!.activatedAt).toBeGreaterThanOrEqual(editedAt);
    expect(events.slice(before).filter((e) => e.type === 'siteModelChanged')).toHaveLength(1);

    // Back to the site file (`null`): the model shows the file's base again, and the change log has all three edits.
    expect((await editDevice('crane-2', { position: null })).status).toBe(200);
    expect((await siteModel()).cranes.find((c) => c.id === 'crane-2')?.base).toEqual({ e: 46, n: 12, u: 0 });
    const detail = await getJson<{ changes: DeviceChange[] }>(`${serve.url}/api/devices/crane-2`, admin);
    expect(detail.body.changes.map((c) => c.changes['position']?.to)).toEqual([{ e: 46, n: 12, u: 0 }, { e: 40, n: 12, u: 0 }, { e: 46, n: 140, u: 0 }]);
  });
});
