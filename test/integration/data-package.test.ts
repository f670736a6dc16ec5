import { execFile } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataPackageView, SiteSigningKey } from '../../electron/common/api.js';
import { addDays } from '../../electron/common/reports.js';
import { AUDIT_KEY_SECRET } from '../../electron/core/alarms/audit-key.js';
import { BLOCK, decodeHeader } from '../../electron/core/data-package/tar-format.js';
import { openVaults } from '../../electron/core/secrets/open-vaults.js';
import { closeDatabase, openDatabase } from '../../electron/core/store/database.js';
import { eventually } from '../helpers/eventually.js';
import { PACKAGE_SEED_AUDIT_KEY, seedPackageDay } from '../helpers/package-seed.js';
import { getJson, login, loginAs, postJson, ROOT, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

const CLI = join(ROOT, 'dist', 'electron', 'core', 'cli', 'verify-package.js');
const tz = 'Asia/Shanghai';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now());
const yesterday = addDays(today, -1);
let serve: ServeProcess;
let admin: string;
let manager: string;
let viewer: string;
let work: string;
let tar: Buffer;
let keyFile: string;
let key: SiteSigningKey;

function verify(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` }));
  });
}

/** Offsets of each entry's content in the tar. */
function entries(b: Buffer): Map<string, { offset: number; size: number }> {
  const out = new Map<string, { offset: number; size: number }>();
  for (let at = 0; at < b.length; ) {
    const h = decodeHeader(b.subarray(at, at + BLOCK));
    if (h === 'end' || 'problem' in h) break;
    out.set(h.name, { offset: at + BLOCK, size: h.size });
    at += BLOCK + Math.ceil(h.size / BLOCK) * BLOCK;
  }
  return out;
}

function save(name: string, bytes: Buffer): string {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
}

async function makePackage(from: string, to: string): Promise<DataPackageView> {
  const made = await postJson<DataPackageView>(`${serve.url}/api/data-packages`, manager, { from, to });
  expect(made.status).toBe(200);
  return eventually(
    async () => (await getJson<DataPackageView>(`${serve.url}/api/data-packages/${made.body.id}`, manager)).body,
    (p) => p.state === 'done' || p.state === 'failed',
    20_000,
  );
}

beforeAll(async () => {
  const data = tempDir();
  work = tempDir();
  // Yesterday of a seeded site, its chain written with the key the core will find in its vault.
  const db = openDatabase(data);
  seedPackageDay(db, data, yesterday, tz);
  closeDatabase(db);
  openVaults(data).secrets.set(AUDIT_KEY_SECRET, PACKAGE_SEED_AUDIT_KEY.toString('base64'));
  serve = await ServeProcess.start(['--port', '0', '--data', data]);
  admin = await login(serve.url);
  for (const [username, role] of [['manager1', 'manager'], ['viewer1', 'viewer']]) expect((await postJson(`${serve.url}/api/users`, admin, { username, password: 'password-123', role })).status).toBe(200);
  manager = await loginAs(serve.url, 'manager1', 'password-123');
  viewer = await loginAs(serve.url, 'viewer1', 'password-123');
});
afterAll(async () => {
  await serve?.stop();
  removeTempDirs();
});

describe('data packages through a real core, checked by the offline verifier', () => {
  it('the admin reads the site key; a manager makes yesterday’s package, downloads it, and it verifies with the registered key', async () => {
    const k = await getJson<SiteSigningKey>(`${serve.url}/api/site-signing-key`, admin);
    expect(k.status).toBe(200);
    key = k.body;
    expect(key.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect((await getJson(`${serve.url}/api/site-signing-key`, manager)).status).toBe(403);
    keyFile = save('site.pem', Buffer.from(key.publicKeyPem));

    const done = await makePackage(yesterday, yesterday);
    expect(done.error).toBeNull();
    expect(done.empty).toBe(false);
    const list = await getJson<DataPackageView[]>(`${serve.url}/api/data-packages`, admin);
    expect(list.body.map((p) => p.id)).toContain(done.id);
    expect((await fetch(`${serve.url}/api/data-package-files/${done.id}.tar`, { headers: { Authorization: `Bearer ${viewer}` } })).status).toBe(403);
    const res = await fetch(`${serve.url}${done.download!}`);
    expect(res.status).toBe(200);
    tar = Buffer.from(await res.arrayBuffer());
    expect(tar.length).toBe(done.bytes);
    const names = [...entries(tar).keys()];
    expect(names).toContain('data/alarm-audit.json');
    expect(names).toContain('attachments/clips/cam-1-pkg.mp4');

    const file = save('good.tar', tar);
    const ok = await verify([file, '--key', keyFile]);
    expect(ok.out).toContain('VALID');
    expect(ok.code).toBe(0);
    expect((await verify([file, '--fingerprint', key.fingerprintGrouped])).code).toBe(0);
    expect(ok.out).toContain('3 recomputed offline');
    const embedded = await verify([file]);
    expect(embedded.code).toBe(0);
    expect(embedded.out).toContain('NOT checked against a registered key');
  });

  it('one changed byte in a data file, an attachment or the manifest: invalid, naming that file', async () => {
    const at = entries(tar);
    for (const name of ['data/alarm-audit.json', 'data/gate-passages.json', 'attachments/clips/cam-1-pkg.mp4', 'manifest.json']) {
      const e = at.get(name)!;
      const copy = Buffer.from(tar);
      copy[e.offset + Math.floor(e.size / 2)]! ^= 0x01;
      const r = await verify([save('changed.tar', copy), '--key', keyFile]);
      expect(r.code, name).toBe(1);
      expect(r.out).toContain('INVALID');
      expect(r.out).toContain(`${name}`);
    }
  });

  it('a forged signature, another key, a truncated or garbage file: exit 1 with the reason; usage mistakes: exit 2', async () => {
    const other = generateKeyPairSync('ed25519');
    const otherPem = save('other.pem', Buffer.from(other.publicKey.export({ type: 'spki', format: 'pem' }).toString()));
    const file = save('good.tar', tar);
    const wrongKey = await verify([file, '--key', otherPem]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.out).toContain('not signed with the registered site key');
    // Forged: a well-formed signature over the same manifest by another key, in place of the site's.
    const at = entries(tar);
    const manifest = at.get('manifest.json')!;
    const sig = at.get('manifest.sig')!;
    const forged = Buffer.from(tar);
    Buffer.from(`${sign(null, tar.subarray(manifest.offset, manifest.offset + manifest.size), other.privateKey).toString('base64')}\n`).copy(forged, sig.offset);
    const f = await verify([save('forged.tar', forged), '--key', keyFile]);
    expect(f.code).toBe(1);
    expect(f.out).toContain('forged');
    for (const bad of [tar.subarray(0, tar.length - 700), Buffer.from('PK\u0003\u0004 this is a zip, not a package'), readFileSync(keyFile)]) {
      const r = await verify([save('bad.tar', bad)]);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/INVALID/);
    }
    expect((await verify([])).code).toBe(2);
    expect((await verify([join(work, 'missing.tar')])).code).toBe(2);
    expect((await verify([file, '--key', join(work, 'good.tar')])).code).toBe(2);
    expect((await verify([file, '--fingerprint', 'xyz'])).code).toBe(2);
  });

  it('a period with no data is a valid package that says so; bad periods and roles: 4xx with the reason', async () => {
    const empty = await makePackage('2024-02-01', '2024-02-29');
    expect(empty.state).toBe('done');
    expect(empty.empty).toBe(true);
    const res = await fetch(`${serve.url}/api/data-package-files/${empty.id}.tar`, { headers: { Authorization: `Bearer ${admin}` } });
    const r = await verify([save('empty.tar', Buffer.from(await res.arrayBuffer())), '--key', keyFile]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('no records');

    const post = (token: string, body: unknown) => postJson<{ error: string; field?: string }>(`${serve.url}/api/data-packages`, token, body);
    const long = await post(admin, { from: '2025-01-01', to: '2025-03-31' });
    expect(long.status).toBe(400);
    expect(long.body.error).toContain('at most 31 days');
    expect((await post(admin, { from: today, to: '2099-01-01' })).status).toBe(400);
    expect((await post(admin, { from: '2025-03-09', to: '2025-03-03' })).body.field).toBe('from');
    expect((await post(admin, { from: '2025-02-30', to: '2025-03-03' })).status).toBe(400);
    expect((await post(viewer, { from: yesterday, to: yesterday })).status).toBe(403);
    expect((await getJson(`${serve.url}/api/data-packages`, viewer)).status).toBe(403);
    expect((await fetch(`${serve.url}/api/data-package-files/000000000000.tar`)).status).toBe(401);
    expect((await fetch(`${serve.url}/api/data-package-files/..%2Fsite-command.db`, { headers: { Authorization: `Bearer ${admin}` } })).status).toBe(404);
  });
});
