import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FederationService } from '../../electron/core/federation/federation-service.js';
import { readRemoteSite } from '../../electron/core/federation/remote-site-client.js';

/**
 * Federation over HTTPS to a core with a self-signed certificate: the pinned fingerprint is the
 * only certificate accepted, and with a wrong pin the password is never sent.
 */
let server: Server;
let url: string;
let fingerprint: string;
const signIns: string[] = [];

beforeAll(async () => {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'peer-core' }], { notAfterDate: new Date(Date.now() + 2 * 86_400_000), keySize: 2048 });
  fingerprint = new X509Certificate(pems.cert).fingerprint256;
  server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/api/session' && req.method === 'POST') {
        signIns.push(body);
        res.end(JSON.stringify({ token: 'peer-token', expiresAt: Date.now() + 3_600_000 }));
      } else if (req.headers.authorization !== 'Bearer peer-token') {
        res.statusCode = 401;
        res.end(JSON.stringify({ error: 'sign in' }));
      } else if (req.url === '/api/site') res.end(JSON.stringify({ workersOnSite: 42 }));
      else res.end('[]');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('federation over HTTPS with a pinned certificate', () => {
  it('the right fingerprint is accepted (with or without colons, any case)', async () => {
    for (const pin of [fingerprint, fingerprint.replace(/:/g, '').toLowerCase()]) {
      const result = await readRemoteSite({ url, username: 'viewer', password: 'peer-pw', certSha256: pin }, { timeoutMs: 5000, session: null });
      expect(result.status === 'ok' ? 'ok' : result.reason).toBe('ok');
      if (result.status === 'ok') expect(result.live.workersOnSite).toBe(42);
    }
  });

  it('a wrong fingerprint is refused before the password is sent', async () => {
    const before = signIns.length;
    const wrong = 'AB:'.repeat(31) + 'CD';
    const result = await readRemoteSite({ url, username: 'viewer', password: 'peer-pw', certSha256: wrong }, { timeoutMs: 5000, session: null });
    expect(result.status).toBe('unreachable');
    if (result.status !== 'ok') expect(result.reason).toMatch(/not the one pinned in the site file/);
    expect(signIns.length).toBe(before);
  });

  it('without a pin, a self-signed certificate is refused by ordinary verification', async () => {
    const before = signIns.length;
    const result = await readRemoteSite({ url, username: 'viewer', password: 'peer-pw' }, { timeoutMs: 5000, session: null });
    expect(result.status).toBe('unreachable');
    expect(signIns.length).toBe(before);
  });

  it('the service marks https peers encrypted and http peers not, and takes the password from the vault', async () => {
    const passwords = new Map<string, string>();
    const service = new FederationService({
      authority: null,
      selfId: 'a',
      localStatus: () => ({ alarmsByPriority: { critical: 0, high: 0, medium: 0, low: 0 }, unackedAlarms: 0, workersOnSite: 0, pm10UgM3: null, readAt: 0 }),
      passwordOf: (id) => passwords.get(id) ?? null,
      projects: [
        { id: 'tls', name: 'TLS', enterprise: 'E', latDeg: 0, lonDeg: 0, url, username: 'viewer', certSha256: fingerprint },
        { id: 'lan', name: 'LAN', enterprise: 'E', latDeg: 0, lonDeg: 0, url: 'http://127.0.0.1:9', username: 'viewer' },
      ],
    });
    const entry = (id: string) => service.list().enterprises.flatMap((e) => e.projects).find((p) => p.id === id)!;
    expect(entry('tls')).toMatchObject({ status: 'not-configured', encrypted: true });
    expect(entry('tls').reason).toMatch(/no password is set/);
    expect(entry('lan').encrypted).toBe(false);
    passwords.set('tls', 'peer-pw');
    service.passwordChanged('tls');
    await service.settled();
    expect(entry('tls')).toMatchObject({ status: 'ok', encrypted: true });
    expect(JSON.parse(signIns.at(-1)!)).toEqual({ username: 'viewer', password: 'peer-pw' });
    await service.stop();
  });
});
