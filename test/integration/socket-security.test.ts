import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort } from '../helpers/free-port.js';
import { getJson, login, mediaTicketUrl, postJson, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// The built core with its demo site: the sockets, sessions, media tickets and URL parsing as an attacker meets them.
let serve: ServeProcess;
let dataDir: string;
const tokens: string[] = [];

beforeAll(async () => {
  dataDir = tempDir();
  serve = await ServeProcess.start(['--port', String(await freePort()), '--data', dataDir]);
});
afterAll(async () => {
  await serve?.stop();
  removeTempDirs();
});

async function session(): Promise<string> {
  const token = await login(serve.url);
  tokens.push(token);
  return token;
}

function wsUrl(path: string): string {
  return serve.url.replace(/^http/, 'ws') + path;
}

/** Opens a socket and resolves with it once open, or with the HTTP status the upgrade was refused with. */
function open(path: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(path), { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

async function liveSocket(token: string): Promise<WebSocket> {
  const ws = (await open('/api/live')) as WebSocket;
  const ready = new Promise<void>((resolve) => ws.on('message', (d) => JSON.parse(String(d)).type === 'ready' && resolve()));
  ws.send(JSON.stringify({ type: 'auth', token }));
  await ready;
  return ws;
}

describe('sockets', () => {
  it('survive {"type":"auth","token":1} before login: the socket closes 4400, the core keeps serving', async () => {
    const witness = await liveSocket(await session());
    for (const payload of ['{"type":"auth","token":1}', '{"type":"auth","token":{}}', '{"token":[1]}', 'null', '{']) {
      for (const path of ['/api/live', '/api/video?camera=none']) {
        const ws = (await open(path)) as WebSocket;
        const done = closed(ws);
        ws.send(payload);
        const { code } = await done;
        expect([4400, 4401], `${path} ${payload}`).toContain(code);
      }
    }
    const binary = (await open('/api/live')) as WebSocket;
    const done = closed(binary);
    binary.send(Buffer.from([0xff, 0x00, 0x7b]));
    expect((await done).code).toBe(4400);
    expect((await getJson<{ status: string }>(`${serve.url}/api/health`)).body.status).toBe('ok');
    expect(witness.readyState).toBe(WebSocket.OPEN);
    expect(serve.exitCode).toBeNull();
    witness.close();
  });

  it('refuse a foreign Origin with 403 before the upgrade; allow the console’s own and none', async () => {
    expect(await open('/api/live', { Origin: 'http://evil.example' })).toBe(403);
    expect(await open('/api/video?camera=x', { Origin: 'http://evil.example' })).toBe(403);
    const own = await open('/api/live', { Origin: serve.url });
    expect(own).toBeInstanceOf(WebSocket);
    (own as WebSocket).close();
    const none = await open('/api/live');
    expect(none).toBeInstanceOf(WebSocket);
    (none as WebSocket).close();
  });

  it('close with their session at logout (4401 session ended), others stay', async () => {
    const mine = await session();
    const other = await session();
    const a = await liveSocket(mine);
    const b = await liveSocket(other);
    const ended = closed(a);
    const started = Date.now();
    const response = await fetch(`${serve.url}/api/session`, { method: 'DELETE', headers: { Authorization: `Bearer ${mine}` } });
    expect(response.status).toBe(200);
    expect(await ended).toEqual({ code: 4401, reason: 'session ended' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(b.readyState).toBe(WebSocket.OPEN);
    b.close();
  });

  it('close all of a user’s sockets when an admin resets the password', async () => {
    const admin = await session();
    expect((await postJson(`${serve.url}/api/users`, admin, { username: 'op1', password: 'op-password-1', role: 'operator' })).status).toBe(200);
    const op = await fetch(`${serve.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'op1', password: 'op-password-1' }) });
    const opToken = ((await op.json()) as { token: string }).token;
    tokens.push(opToken);
    const ws = await liveSocket(opToken);
    const ended = closed(ws);
    expect((await postJson(`${serve.url}/api/password`, admin, { username: 'op1', newPassword: 'op-password-2' })).status).toBe(200);
    expect((await ended).code).toBe(4401);
    expect((await getJson(`${serve.url}/api/devices`, opToken)).status).toBe(401);
  });
});

describe('login lockouts', () => {
  it('are recorded in the audit chain as security events', async () => {
    const name = 'lockout-probe';
    for (let i = 0; i < 6; i++) {
      await fetch(`${serve.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: name, password: `wrong-${i}` }) });
    }
    const admin = await session();
    let entries: { eventType: string; actor: string; conditionKey: string }[] = [];
    for (let i = 0; i < 40; i++) {
      entries = (await getJson<typeof entries>(`${serve.url}/api/audit?limit=50`, admin)).body;
      if (entries.some((e) => e.eventType === 'login-lockout' && e.actor === name)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const lockouts = entries.filter((e) => e.eventType === 'login-lockout' && e.actor === name);
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]!.conditionKey).toBe('security');
  });
});

describe('media tickets', () => {
  it('are scoped to one resource, and the session token is refused in a URL', async () => {
    const token = await session();
    const a = await mediaTicketUrl(serve.url, token, '/api/media/snapshots/cam-20260101T000000Z.jpg');
    // A genuine ticket for one file opens nothing else (404 would mean it got past the check).
    const other = new URL(a);
    other.pathname = '/api/media/snapshots/cam-20260101T000001Z.jpg';
    expect((await fetch(other)).status).toBe(401);
    other.pathname = '/api/media/panoramas/pc-0123456789abcdef/thumb.jpeg';
    expect((await fetch(other)).status).toBe(401);
    expect((await fetch(a)).status).toBe(404);
    expect((await fetch(`${serve.url}/api/media/snapshots/cam-20260101T000000Z.jpg?token=${token}`)).status).toBe(401);
    expect((await fetch(`${serve.url}/api/media/panoramas/pc-0123456789abcdef/thumb.jpeg?token=${token}`)).status).toBe(401);
    expect((await postJson(`${serve.url}/api/media-tickets`, token, { path: '/api/media/../site.json' })).status).toBe(400);
    const anonymous = await fetch(`${serve.url}/api/media-tickets`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: '/api/media/model/a.glb' }) });
    expect(anonymous.status).toBe(401);
  });
});

describe('URLs', () => {
  it('answer a malformed %-escape with 400 JSON before auth, never 500', async () => {
    for (const path of ['/api/media/%E0%A4%A', '/%', '/api/x/%zz', '/api/alarms/%E0%A4%A', '/api/media/panoramas/%zz']) {
      const response = await fetch(`${serve.url}${path}`);
      expect(response.status, path).toBe(400);
      expect(await response.json(), path).toMatchObject({ code: 'bad-request', error: expect.any(String) });
    }
    expect((await getJson<{ status: string }>(`${serve.url}/api/health`)).body.status).toBe('ok');
  });
});

describe('the log file', () => {
  it('holds no session token of the whole run', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const logDir = join(dataDir, 'logs');
    const text = readdirSync(logDir)
      .map((f) => readFileSync(join(logDir, f), 'utf8'))
      .join('\n');
    expect(text.length).toBeGreaterThan(0);
    expect(tokens.length).toBeGreaterThan(3);
    for (const token of tokens) expect(text).not.toContain(token);
    for (const token of tokens) expect(serve.output).not.toContain(token);
  });
});
