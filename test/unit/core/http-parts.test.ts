import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, fillRoutePath } from '../../../electron/common/api.js';
import { matchApiRoute } from '../../../electron/core/api/http-router.js';
import { acceptedEncodings, serveStatic } from '../../../electron/core/api/static-files.js';
// @ts-expect-error: a plain .mjs build script without types
import { precompress } from '../../../scripts/precompress.mjs';

const BIG_JS = Array.from({ length: 400 }, (_, i) => `export const v${i} = '塔吊 ${i}';`).join('\n');
import { tempDir } from '../../helpers/temp-dir.js';

describe('API routes from the contract', () => {
  it('matches every route in the table, with path parameters', () => {
    expect(matchApiRoute('GET', '/api/health')).toEqual({ method: 'health', pathParams: {} });
    expect(matchApiRoute('POST', '/api/session')).toEqual({ method: 'login', pathParams: {} });
    expect(matchApiRoute('DELETE', '/api/session')).toEqual({ method: 'logout', pathParams: {} });
    expect(matchApiRoute('GET', '/api/telemetry/crane%2D1')).toEqual({ method: 'getTelemetry', pathParams: { deviceId: 'crane-1' } });
    for (const [method, spec] of Object.entries(API_ROUTES)) {
      const path = spec.path.replace(':deviceId', 'x');
      expect(matchApiRoute(spec.verb, path)).toMatchObject({ method });
    }
  });

  it('tells a wrong verb from an unknown path', () => {
    expect(matchApiRoute('PUT', '/api/devices')).toEqual({ notAllowed: true });
    expect(matchApiRoute('GET', '/api/nothing')).toBeNull();
  });

  it('fills path parameters and keeps the rest for the query', () => {
    expect(fillRoutePath('/api/telemetry/:deviceId', { deviceId: 'a b', from: 'x' })).toEqual({ path: '/api/telemetry/a%20b', rest: { from: 'x' } });
    expect(() => fillRoutePath('/api/telemetry/:deviceId', {})).toThrow(/missing deviceId/);
  });
});

describe('static files', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const root = join(tempDir(), 'www');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<h1>console</h1>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, '..', 'secret.txt'), 'do not serve');
    writeFileSync(join(root, 'assets', 'big.js'), BIG_JS);
    precompress(root);
    writeFileSync(join(root, 'assets', 'stale.js'), 'console.log("stale")'.repeat(100));
    writeFileSync(join(root, 'assets', 'stale.js.br'), brotliCompressSync('old build'));
    utimesSync(join(root, 'assets', 'stale.js.br'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    server = createServer((req, res) => serveStatic(root, new URL(req.url!, 'http://x').pathname, res, req));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('serves files with types and caching, and index.html for client routes', async () => {
    const js = await fetch(`${base}/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toMatch(/immutable/);
    expect(await (await fetch(`${base}/alarms/list`)).text()).toBe('<h1>console</h1>');
    expect((await fetch(`${base}/missing.js`)).status).toBe(404);
  });

  it("serves the build's Brotli or gzip copy to a client that accepts it, the plain file to one that does not", async () => {
    const br = await fetch(`${base}/assets/big.js`, { headers: { 'accept-encoding': 'gzip, deflate, br' } }); // as Chromium asks
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(await br.text()).toBe(BIG_JS);
    const gz = await fetch(`${base}/assets/big.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(BIG_JS);
    const plain = await fetch(`${base}/assets/big.js`, { headers: { 'accept-encoding': 'br;q=0, identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(BIG_JS);
    // A copy older than its file (left from an earlier build) is never served.
    const stale = await fetch(`${base}/assets/stale.js`);
    expect(stale.headers.get('content-encoding')).toBeNull();
    expect(await stale.text()).toContain('stale');
  });

  it('reads Accept-Encoding as RFC 9110 does: q=0 refuses a coding', () => {
    expect([...acceptedEncodings('gzip, deflate, br')]).toEqual(['gzip', 'deflate', 'br']);
    expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip']);
    expect([...acceptedEncodings('BR ; q=0.000, GZIP')]).toEqual(['gzip']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });

  it('never serves a file outside its root', async () => {
    for (const path of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/a%00b']) {
      const response = await fetch(`${base}${path}`);
      expect(await response.text()).not.toContain('do not serve');
      expect([400, 403, 404]).toContain(response.status);
    }
  });
});
