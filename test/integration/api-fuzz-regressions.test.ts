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
  it('answers a path parameter that is not percent-encoded UTF-8 with a JSON 404, not a 500', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    await expectJsonError(await httpRequest(serve.url, 'DELETE', '/api/panorama-measurements/%ED%A0%80', auth), 404);
    await expectJsonError(await httpRequest(serve.url, 'GET', '/api/devices/%', auth), 404);
    await expectJsonError(await httpRequest(serve.url, 'POST', '/api/alarms/%zz/ack', { ...auth, 'Content-Type': 'application/json' }, '{}'), 404);
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
