import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort } from '../helpers/free-port.js';
import { getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// The built core under plain Node, with its embedded broker and the demo simulator.
let serve: ServeProcess;
let token: string;

beforeAll(async () => {
  serve = await ServeProcess.start(['--port', String(await freePort()), '--data', tempDir()]);
  token = await login(serve.url);
});
afterAll(async () => {
  await serve?.stop();
  removeTempDirs();
});

describe('HTTP API', () => {
  it('answers health without a token, naming every service', async () => {
    const { status, body } = await getJson<{ status: string; version: string; services: Record<string, string> }>(`${serve.url}/api/health`);
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(body.services).sort()).toEqual([
      'alarms',
      'authority-notices',
      'broker',
      'data-packages',
      'demo-quality',
      'demo-roster',
      'evidence',
      'federation',
      'gates',
      'hj212',
      'http',
      'mqtt',
      'panoramas',
      'quality-overdue',
      'realname-platform',
      'reports',
      'retention',
      'simulator',
      'statistics',
      'store',
      'supervision-uplink',
      'video',
    ]);
    expect(Object.entries(body.services).filter(([, state]) => state !== 'running')).toEqual([]);
  });

  it('answers 401 with a JSON error without a token or with a bad one', async () => {
    for (const auth of [undefined, 'made-up-token']) {
      const { status, body } = await getJson<{ error: string; code: string }>(`${serve.url}/api/devices`, auth);
      expect(status).toBe(401);
      expect(body.code).toBe('unauthorized');
      expect(body.error).toMatch(/log in/);
    }
  });

  it('refuses a wrong password with 401 and no token', async () => {
    const response = await fetch(`${serve.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'wrong-password' }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ error: 'wrong user name or password', code: 'unauthorized' });
  });

  it('answers 400 with a JSON error for malformed JSON, wrong content type and missing fields', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${serve.url}/api/session`, { method: 'POST', headers: { 'Content-Type': type }, body });
    const malformed = await post('{"username": "admin", ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'malformed JSON body', code: 'bad-request' });
    expect((await post('username=admin', 'application/x-www-form-urlencoded')).status).toBe(400);
    const missing = await post('{"username":"admin"}');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 'bad-request', field: 'password' });
  });

  it('answers 404 and 405 for unknown endpoints and verbs', async () => {
    expect((await getJson(`${serve.url}/api/nothing`, token)).status).toBe(404);
    expect((await fetch(`${serve.url}/api/devices`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status).toBe(405);
  });

  it('lists the demo devices with kind, name, status and last seen', async () => {
    await serve.waitFor(/demo site simulator publishing/);
    await new Promise((r) => setTimeout(r, 1500));
    const { body } = await getJson<{ id: string; kind: string; name: string; status: string; lastSeen: number | null }[]>(`${serve.url}/api/devices`, token);
    expect(body.map((d) => d.id).sort()).toEqual(['crane-1', 'crane-2', 'dust-1', 'dust-2', 'gate-1', 'hoist-1']);
    const crane = body.find((d) => d.id === 'crane-1')!;
    expect(crane).toMatchObject({ kind: 'crane', status: 'online' });
    expect(crane.name.length).toBeGreaterThan(0);
    expect(Date.now() - crane.lastSeen!).toBeLessThan(5000);
  });

  it('returns stored telemetry for a time window, and clear errors for bad queries', async () => {
    const to = new Date().toISOString();
    const from = new Date(Date.now() - 60_000).toISOString();
    const { status, body } = await getJson<{ deviceId: string; ts: number; values: { slewDeg: number } }[]>(
      `${serve.url}/api/telemetry/crane-1?from=${from}&to=${to}`,
      token,
    );
    expect(status).toBe(200);
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((r) => r.deviceId === 'crane-1' && r.ts >= Date.parse(from) && r.ts <= Date.parse(to))).toBe(true);
    expect(typeof body[0]!.values.slewDeg).toBe('number');
    expect((await getJson(`${serve.url}/api/telemetry/crane-1?from=yesterday`, token)).status).toBe(400);
    expect((await getJson(`${serve.url}/api/telemetry/crane-1?from=${to}&to=${from}`, token)).status).toBe(400);
    expect((await getJson(`${serve.url}/api/telemetry/nope`, token)).status).toBe(404);
    expect((await getJson(`${serve.url}/api/telemetry/crane-1?limit=0`, token)).status).toBe(400);
  });

  it('logs out: the token stops working', async () => {
    const second = await login(serve.url);
    const out = await fetch(`${serve.url}/api/session`, { method: 'DELETE', headers: { Authorization: `Bearer ${second}` } });
    expect(out.status).toBe(200);
    expect((await getJson(`${serve.url}/api/devices`, second)).status).toBe(401);
  });

  it('pushes live events on the WebSocket after the auth message only', async () => {
    const wsUrl = serve.url.replace('http', 'ws') + '/api/live';
    const refused = new WebSocket(wsUrl);
    const closeCode = await new Promise<number>((resolve) => {
      refused.onopen = () => refused.send(JSON.stringify({ type: 'auth', token: 'wrong' }));
      refused.onclose = (e) => resolve(e.code);
    });
    expect(closeCode).toBe(4401);

    const ws = new WebSocket(wsUrl);
    const types = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no telemetry; got ${[...types]}`)), 5000);
      ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token }));
      ws.onmessage = (m) => {
        const event = JSON.parse(String(m.data)) as { type: string };
        types.add(event.type);
        if (types.has('ready') && types.has('telemetry')) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
    ws.close();
    expect(types.has('ready')).toBe(true);
  });

  it('serves the console UI with a restrictive CSP', async () => {
    const response = await fetch(`${serve.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
