import { statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HealthReport } from '../../electron/common/api.js';
import { UNENCRYPTED_LAN_WARNING } from '../../electron/core/cli/start-notices.js';
import { SELF_SIGNED_KEY_FILE } from '../../electron/core/tls/lan-certificate.js';
import { ADMIN_PASSWORD, getJson, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

const running: ServeProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  removeTempDirs();
});

/** A real HTTPS request to the core on loopback; the certificate is read, not trusted, so the test can compare it. */
function httpsJson(url: string, path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<{ status: number; body: unknown; fingerprint: string }> {
  const target = new URL(path, url.replace('0.0.0.0', '127.0.0.1'));
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: init.method ?? 'GET',
        rejectUnauthorized: false,
        headers: { ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) },
      },
      (res) => {
        const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), fingerprint }));
      },
    );
    req.on('error', reject);
    req.end(init.body ? JSON.stringify(init.body) : undefined);
  });
}

function printedFingerprint(serve: ServeProcess): string {
  return /TLS certificate SHA-256 fingerprint: ([0-9A-F:]{95})/.exec(serve.output)![1]!;
}

describe('TLS on the LAN', () => {
  it('a LAN address without a certificate gets a self-signed one: HTTPS and WSS, fingerprint printed, key 0600, reused on restart', async () => {
    const dataDir = tempDir();
    const serve = await ServeProcess.start(['--host', '0.0.0.0', '--port', '0', '--data', dataDir, '--no-simulate']);
    running.push(serve);
    expect(serve.url).toMatch(/^https:\/\//);
    const fingerprint = printedFingerprint(serve);
    const health = await httpsJson(serve.url, '/api/health');
    expect(health.fingerprint).toBe(fingerprint);
    expect((health.body as HealthReport).transport).toEqual({ tls: true, fingerprint, selfSigned: true, unencryptedLan: false });
    expect(statSync(join(dataDir, SELF_SIGNED_KEY_FILE)).mode & 0o777).toBe(0o600);

    // Log in over HTTPS and open the live socket over WSS on the same port.
    const login = await httpsJson(serve.url, '/api/session', { method: 'POST', body: { username: 'admin', password: ADMIN_PASSWORD } });
    const token = (login.body as { token: string }).token;
    const wsUrl = serve.url.replace('https://0.0.0.0', 'wss://127.0.0.1') + '/api/live';
    const ready = await new Promise<unknown>((resolve, reject) => {
      const ws = new WebSocket(wsUrl, { rejectUnauthorized: false, headers: { Origin: serve.url.replace('0.0.0.0', '127.0.0.1') } });
      ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
      // The sources' current statuses come first (LiveHub.opening), then `ready`.
      ws.on('message', (data) => {
        const event = JSON.parse(String(data)) as { type: string };
        if (event.type === 'source') return;
        resolve(event);
        ws.close();
      });
      ws.on('error', reject);
    });
    expect(ready).toMatchObject({ type: 'ready' });

    // The same certificate after a restart: wall screens that trusted it keep trusting it.
    await serve.stop();
    running.pop();
    const again = await ServeProcess.start(['--host', '0.0.0.0', '--port', '0', '--data', dataDir, '--no-simulate']);
    running.push(again);
    expect(printedFingerprint(again)).toBe(fingerprint);
    expect((await httpsJson(again.url, '/api/health')).fingerprint).toBe(fingerprint);
  });

  it('serves the installer\'s certificate from --tls-cert/--tls-key, and refuses a key that is not its own with status 2', async () => {
    const dir = tempDir();
    const pair = await generate([{ name: 'commonName', value: 'site-command.site.lan' }], { keyType: 'ec', curve: 'P-256' });
    const other = await generate([{ name: 'commonName', value: 'other' }], { keyType: 'ec', curve: 'P-256' });
    writeFileSync(join(dir, 'cert.pem'), pair.cert);
    writeFileSync(join(dir, 'key.pem'), pair.private);
    writeFileSync(join(dir, 'other-key.pem'), other.private);
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--no-simulate', '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')]);
    running.push(serve);
    expect(serve.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
    const health = await httpsJson(serve.url, '/api/health');
    expect(health.fingerprint).toBe(printedFingerprint(serve));
    expect((health.body as HealthReport).transport).toMatchObject({ tls: true, selfSigned: false });

    const wrong = ServeProcess.spawn(['--port', '0', '--data', tempDir(), '--no-simulate', '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'other-key.pem')]);
    expect(await wrong.waitForExit()).toBe(2);
    expect(wrong.output).toContain(`--tls-key ${join(dir, 'other-key.pem')} is not the private key of ${join(dir, 'cert.pem')}`);
    expect(wrong.output).not.toMatch(/restarting/);
  });

  it('--no-tls on a LAN address serves plain HTTP with a warning at start and in health', async () => {
    const serve = await ServeProcess.start(['--host', '0.0.0.0', '--port', '0', '--data', tempDir(), '--no-simulate', '--no-tls']);
    running.push(serve);
    expect(serve.output).toContain(UNENCRYPTED_LAN_WARNING);
    const { body } = await getJson<HealthReport>(`${serve.url.replace('0.0.0.0', '127.0.0.1')}/api/health`);
    expect(body.transport).toEqual({ tls: false, unencryptedLan: true });
  });
});
