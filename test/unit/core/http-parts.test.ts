import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, fillRoutePath } from '../../../electron/common/api.js';
import { matchApiRoute } from '../../../electron/core/api/http-router.js';
import { serveStatic } from '../../../electron/core/api/static-files.js';
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
    server = createServer((req, res) => serveStatic(root, new URL(req.url!, 'http://x').pathname, res));
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

  it('never serves a file outside its root', async () => {
    for (const path of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/a%00b']) {
      const response = await fetch(`${base}${path}`);
      expect(await response.text()).not.toContain('do not serve');
      expect([400, 403, 404]).toContain(response.status);
    }
  });
});
