import { request } from 'node:http';
/**
 * The counterexamples the API fuzzer (api-fuzz.test.ts) found, shrunk and kept as plain tests so
 * each fix stays fixed whatever seed the fuzzer draws next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort } from '../helpers/free-port.js';
import { getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';
import { closeProbeConnections, httpRequest } from '../fuzz/http-probe.js';

let serve: ServeProcess;
let token: string;

beforeAll(async () => {
  serve = await ServeProcess.start(['--port', String(await freePort()), '--data', tempDir()]);
  token = await login(serve.url);
});
afterAll(async () => {
  closeProbeConnections();
  await serve?.stop();
  removeTempDirs();
});

async function expectJsonError(answer: { status: number; contentType: string; body: string }, status: number): Promise<void> {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toMatch(/^application\/json/);
  expect(typeof (JSON.parse(answer.body) as { error: unknown }).error).toBe('string');
}

describe('API fuzz counterexamples', () => {
  // Fuzz seed 1: `DELETE /api/panorama-measurements/%ED%A0%80` (a lone surrogate's bytes) answered 500.
  it('answers a path parameter that is not percent-encoded UTF-8 with a JSON 400 before anything else, not a 500', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    await expectJsonError(await httpRequest(serve.url, 'DELETE', '/api/panorama-measurements/%ED%A0%80', auth), 400);
    await expectJsonError(await httpRequest(serve.url, 'GET', '/api/devices/%', auth), 400);
    await expectJsonError(await httpRequest(serve.url, 'POST', '/api/alarms/%zz/ack', { ...auth, 'Content-Type': 'application/json' }, '{}'), 400);
  });

  // Fuzz seed 2: a 256 KiB body to `POST /api/alarms/ack` got its 400, then the next request on the
  // same kept-alive connection waited for ever behind the unread rest of the body.
  it('closes the connection after refusing a body over the limit, so the next request is answered', async () => {
    for (const type of ['application/json', 'text/plain']) {
      const refused = await httpRequest(serve.url, 'POST', '/api/alarms/ack', { 'Content-Type': type, Authorization: `Bearer ${token}` }, JSON.stringify({ id: 'a'.repeat(256 * 1024) }), 5000);
      await expectJsonError(refused, 400);
      const next = await httpRequest(serve.url, 'GET', '/api/health', {}, undefined, 5000);
      expect(next.status).toBe(200);
    }
  });

  // Fuzz (API, under load): a body just over the limit was refused while the client still wrote
  // its end, so the client got EPIPE instead of the answer. Up to 1 MiB past the limit is read and
  // thrown away, so a browser's fetch gets the clear 400 and its connection can stay alive.
  it('lets a client that is still sending an oversized body read the 400, and keeps its connection', async () => {
    for (const extra of [64, 200 * 1024, 900 * 1024]) {
      const response = await fetch(`${serve.url}/api/alarms/ack`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ id: 'a'.repeat(64 * 1024 + extra) }),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/over \d+ bytes/);
    }
    const refused = await httpRequest(serve.url, 'POST', '/api/alarms/ack', { 'Content-Type': 'text/plain', Authorization: `Bearer ${token}` }, 'x'.repeat(100 * 1024), 5000);
    await expectJsonError(refused, 400);
    // The race made certain: the client is still writing (a pause after the limit) when the core refuses.
    const slow = await new Promise<{ status: number; connection: string | undefined; error: string | null }>((resolve) => {
      const target = new URL('/api/alarms/ack', serve.url);
      let status = 0;
      let connection: string | undefined;
      const req = request(target, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Content-Length': 2 * 96 * 1024 } });
      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        connection = res.headers.connection;
        res.resume();
        res.on('end', () => setTimeout(() => resolve({ status, connection, error: null }), 50));
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ status, connection, error: error.code ?? error.message }));
      req.write('x'.repeat(96 * 1024));
      setTimeout(() => req.end('x'.repeat(96 * 1024)), 300);
    });
    // Read to its end, the refused body leaves the connection usable: no `Connection: close`.
    expect(slow).toEqual({ status: 400, connection: 'keep-alive', error: null });
  });

  // Fuzz (sockets): `{"type":"auth","token":1}` on /api/live threw in the token hash and took the core down.
  it('survives an auth message whose token is not a string on /api/live', async () => {
    const ws = new WebSocket(`${serve.url.replace('http', 'ws')}/api/live`);
    const code = await new Promise<number>((resolve) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token: 1 })));
      ws.on('close', (c) => resolve(c));
      ws.on('error', () => resolve(-1));
    });
    // Refused as unauthorized (4401) or, by a schema-checked handshake, as malformed (4400); never a crash.
    expect([4400, 4401]).toContain(code);
    expect(serve.exitCode).toBeNull();
    expect((await getJson<{ status: string }>(`${serve.url}/api/health`)).body.status).toBe('ok');
  });
});
