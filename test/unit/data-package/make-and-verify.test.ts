import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../electron/common/reports.js';
import { bufferSource } from '../../../electron/core/data-package/byte-source.js';
import { makePackage, type MadePackage } from '../../../electron/core/data-package/package-maker.js';
import { SiteSigningKeys } from '../../../electron/core/data-package/site-key.js';
import { verifyPackage } from '../../../electron/core/data-package/verify-package.js';
import { checkAuditRows } from '../../../electron/core/data-package/audit-offline.js';
import { BLOCK, decodeHeader } from '../../../electron/core/data-package/tar-format.js';
import { readPublicKey } from '../../../electron/core/data-package/signing.js';
import { closeDatabase, openDatabase, type Database } from '../../../electron/core/store/database.js';
import { siteInstant } from '../../../electron/core/workforce/attendance-clock.js';
import { PACKAGE_SEED_AUDIT_KEY, seedPackageDay } from '../../helpers/package-seed.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

const END = '2026-03-14';
const tz = 'Asia/Shanghai';
let db: Database;
let dir: string;
const secrets = new Map<string, string>();
const keys = new SiteSigningKeys({ get: (n) => secrets.get(n) ?? null, set: (n, v) => void secrets.set(n, v) });
let made: MadePackage;
let bytes: Buffer;

async function make(from: string, to: string, name: string, cap?: number): Promise<{ made: MadePackage; bytes: Buffer }> {
  const target = join(dir, name);
  const m = await makePackage({
    db,
    dataDir: dir,
    site: { id: 'site-a', name: '一号工地' },
    period: { from, to, timeZone: tz, startMs: siteInstant(from, 0, tz), endMs: siteInstant(addDays(to, 1), 0, tz) },
    madeBy: 'admin',
    createdAtMs: Date.parse('2026-03-15T02:00:00Z'),
    keys,
    auditKey: () => PACKAGE_SEED_AUDIT_KEY,
    ...(cap !== undefined ? { attachmentCapBytes: cap } : {}),
    target,
  });
  return { made: m, bytes: readFileSync(target) };
}

function extract(tar: Buffer, name: string): Buffer {
  for (let at = 0; at < tar.length; ) {
    const h = decodeHeader(tar.subarray(at, at + BLOCK));
    if (h === 'end' || 'problem' in h) break;
    if (h.name === name) return tar.subarray(at + BLOCK, at + BLOCK + h.size);
    at += BLOCK + Math.ceil(h.size / BLOCK) * BLOCK;
  }
  throw new Error(`no ${name}`);
}

beforeAll(async () => {
  dir = tempDir();
  db = openDatabase(dir);
  seedPackageDay(db, dir, END, tz);
  ({ made, bytes } = await make(END, END, 'day.tar'));
});
afterAll(() => {
  closeDatabase(db);
  removeTempDirs();
});

describe('a data package made from a busy site and verified offline', () => {
  it('is valid with the registered key, carries the period\'s records and the audit head', () => {
    const key = readPublicKey(keys.view('site-a').publicKeyPem);
    if (typeof key === 'string') throw new Error(key);
    const v = verifyPackage(bufferSource(bytes), { registeredKey: key });
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.key).toBe('registered');
    expect(made.manifest.empty).toBe(false);
    expect(made.manifest.records['data/alarm-audit.json']).toBeGreaterThan(0);
    expect(made.manifest.records['data/gate-passages.json']).toBeGreaterThan(0);
    expect(made.manifest.auditChain.verifiedAtSite).toEqual({ ok: true, rows: 27 });
    expect(made.manifest.auditChain.head?.seq).toBeGreaterThanOrEqual(made.manifest.auditChain.lastSeq!);
    expect(made.manifest.auditChain.keyedFromSeq).toBe(4);
    expect(v.notes.some((n) => n.en.includes('3 recomputed offline; 24 are keyed'))).toBe(true);
    expect(made.manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['attachments/clips/cam-1-pkg.mp4', 'attachments/quality/q-abc123.jpg', 'attachments/panoramas/pc-pkg1.jpg']));
    expect(made.manifest.leftOut).toEqual([]);
    expect(made.manifest.records['data/telemetry-hours.json']).toBe(2);
    expect(made.manifest.records['data/telemetry-days.json']).toBe(1);
  });

  it('without a registered key it is valid but says the key was not checked; another key is refused', () => {
    const v = verifyPackage(bufferSource(bytes));
    expect(v.ok).toBe(true);
    expect(v.key).toBe('embedded-unchecked');
    expect(v.notes[0]!.en).toContain('does not prove');
    const other = new SiteSigningKeys({ get: () => null, set: () => undefined });
    const otherKey = readPublicKey(other.view('x').publicKeyPem);
    if (typeof otherKey === 'string') throw new Error(otherKey);
    const bad = verifyPackage(bufferSource(bytes), { registeredKey: otherKey });
    expect(bad.ok).toBe(false);
    expect(bad.problems.map((p) => p.file)).toContain('manifest.json + manifest.sig');
    expect(verifyPackage(bufferSource(bytes), { fingerprint: '00'.repeat(32) }).ok).toBe(false);
    expect(verifyPackage(bufferSource(bytes), { fingerprint: keys.view('site-a').fingerprintGrouped }).ok).toBe(true);
  });

  it('attachments beyond the cap are left out and listed, and the package is still valid', async () => {
    const { made: capped, bytes: b } = await make(END, END, 'capped.tar', 5000);
    expect(capped.manifest.leftOut.map((l) => l.path)).toEqual(['attachments/panoramas/pc-pkg1.jpg']);
    expect(capped.manifest.leftOut[0]!.reason).toContain('cap');
    expect(verifyPackage(bufferSource(b)).ok).toBe(true);
  });

  it('an audit row edited and re-hashed by someone without the key breaks the links the verifier checks', () => {
    const audit = JSON.parse(new TextDecoder().decode(made.manifest.files.find((f) => f.path === 'data/alarm-audit.json') ? extract(bytes, 'data/alarm-audit.json') : new Uint8Array())) as Array<{ seq: number; hash: string; prevHash: string }>;
    audit[1]!.hash = '0'.repeat(64);
    const check = checkAuditRows(audit, made.manifest.auditChain);
    expect(check.problems.map((p) => p.en).join(' ')).toMatch(/does not (link|match)/);
  });

  it('a period with no data gives a valid package that says so', async () => {
    const { made: empty, bytes: b } = await make('2025-01-01', '2025-01-31', 'empty.tar');
    expect(empty.manifest.empty).toBe(true);
    const v = verifyPackage(bufferSource(b));
    expect(v.ok).toBe(true);
    expect(v.notes.some((n) => n.en.includes('no records'))).toBe(true);
  });

  it('garbage and truncated files are invalid with a reason, never a throw', () => {
    for (const b of [Buffer.alloc(0), Buffer.from('not a tar at all'), Buffer.alloc(1024, 7), bytes.subarray(0, bytes.length - 512), bytes.subarray(0, 4096), Buffer.concat([bytes, Buffer.alloc(512)])]) {
      const v = verifyPackage(bufferSource(b));
      expect(v.ok).toBe(false);
      expect(v.problems[0]!.en.length).toBeGreaterThan(10);
    }
  });

  it('flipping any bit of any byte anywhere fails verification (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 0, max: 7 }), (at, bit) => {
        const copy = Buffer.from(bytes);
        copy[at]! ^= 1 << bit;
        return !verifyPackage(bufferSource(copy)).ok;
      }),
      { numRuns: 300 },
    );
  });
});
