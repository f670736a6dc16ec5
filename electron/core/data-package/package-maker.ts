/**
 * Making one package: the period's data files (chunk by chunk, yielding between chunks), the
 * attachments they name (evidence clips, notice photos, panoramas) up to a size cap, the audit
 * chain's head and the site's own keyed check of the chain, then the manifest and its Ed25519
 * signature — all streamed into a temporary tar that is renamed into place only when whole.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../common/canonical-json.js';
import { DATA_PACKAGE_FORMAT, MANIFEST_FILE, SIGNATURE_FILE, type LeftOutAttachment, type PackageAuditChain, type PackageManifest } from '../../common/data-package.js';
import { AuditChainWalk } from '../alarms/audit-verifier.js';
import type { Database } from '../store/database.js';
import { DATA_FILES, takeSnapshot, type PackagePeriod } from './package-data.js';
import { PackageWriter } from './package-writer.js';
import type { SiteSigningKeys } from './site-key.js';
import { keyFingerprint, publicKeyPem, signManifest } from './signing.js';

/** Attachments beyond this many bytes are left out (and listed as such); the data files always go in. */
export const DEFAULT_ATTACHMENT_CAP_BYTES = 512 * 1024 * 1024;

export interface MakePackageOptions {
  db: Database;
  dataDir: string;
  site: { id: string; name: string };
  period: PackagePeriod;
  madeBy: string;
  createdAtMs: number;
  keys: SiteSigningKeys;
  /** The audit chain's HMAC key, for the site's own check recorded in the manifest; absent: not checked. */
  auditKey?: () => Buffer;
  attachmentCapBytes?: number;
  /** Where the finished tar goes (written as a temporary file beside it first). */
  target: string;
  onProgress?: (step: string, fraction: number) => void;
}

export interface MadePackage {
  bytes: number;
  sha256: string;
  manifest: PackageManifest;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Attachment {
  path: string;
  source: string;
}

/** The data files whose rows name attachments (kept in memory until the attachments are packed). */
const NAMES_ATTACHMENTS = new Set(['data/evidence-clips.json', 'data/rectification-notices.json', 'data/panoramas.json']);

function photoNames(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && /^[A-Za-z0-9._-]{1,80}$/.test(v)) : [];
}

/** The attachments the gathered rows name, in the order they were recorded. */
function attachmentsOf(dataDir: string, rows: Map<string, unknown[]>): Attachment[] {
  const out: Attachment[] = [];
  for (const c of (rows.get('data/evidence-clips.json') ?? []) as Array<{ file: string }>) {
    if (/^[A-Za-z0-9._-]{1,90}$/.test(c.file)) out.push({ path: `attachments/clips/${c.file}`, source: join(dataDir, 'clips', c.file) });
  }
  const photos = new Set<string>();
  for (const n of (rows.get('data/rectification-notices.json') ?? []) as Array<{ photos: unknown; log: Array<{ photos: unknown }> }>) {
    for (const p of [...photoNames(n.photos), ...n.log.flatMap((l) => photoNames(l.photos))]) photos.add(p);
  }
  for (const p of photos) out.push({ path: `attachments/quality/${p}`, source: join(dataDir, 'quality', 'photos', p) });
  for (const c of (rows.get('data/panoramas.json') ?? []) as Array<{ id: string; format: string; state: string }>) {
    const ext = c.format === 'jpeg' ? 'jpg' : 'png';
    if (c.state === 'ready' && /^[A-Za-z0-9-]{1,60}$/.test(c.id)) out.push({ path: `attachments/panoramas/${c.id}.${ext}`, source: join(dataDir, 'panoramas', 'captures', c.id, `original.${ext}`) });
  }
  return out;
}

async function siteCheckOfChain(db: Database, key: Buffer | null): Promise<PackageAuditChain['verifiedAtSite']> {
  if (!key) return { ok: false, rows: 0, reason: 'the audit key was not available to the package maker' };
  const walk = new AuditChainWalk(db, key);
  while (!walk.step(1_000)) await nextTurn();
  const r = walk.result!;
  return r.ok ? { ok: true, rows: r.rows } : { ok: false, rows: r.rows, reason: `row ${r.brokenSeq}: ${r.reason}` };
}

export async function makePackage(o: MakePackageOptions): Promise<MadePackage> {
  const progress = o.onProgress ?? (() => undefined);
  const writer = await PackageWriter.create(o.target, o.createdAtMs);
  try {
    const snapshot = takeSnapshot(o.db, o.period);
    const rows = new Map<string, unknown[]>();
    const records: Record<string, number> = {};
    // Figures are taken in one read transaction per file: a gate event landing meanwhile is in or out, never half.
    for (const [k, spec] of DATA_FILES.entries()) {
      progress(spec.step, (k / DATA_FILES.length) * 0.6);
      // JSON text is made chunk by chunk too (a month's rows stringified at once would hold the loop).
      const parts: string[] = [];
      const kept: unknown[] = [];
      let n = 0;
      for (const chunk of spec.chunks(o.db, o.period, snapshot)) {
        for (const row of chunk) parts.push(`${n++ === 0 ? '[\n' : ',\n'}${JSON.stringify(row)}`);
        if (NAMES_ATTACHMENTS.has(spec.path)) kept.push(...chunk);
        await nextTurn();
      }
      parts.push(n === 0 ? '[]\n' : '\n]\n');
      rows.set(spec.path, kept);
      records[spec.path] = n;
      await writer.addBuffer(spec.path, Buffer.from(parts.join(''), 'utf8'));
      await nextTurn();
    }

    progress('alarm audit chain', 0.6);
    const range = snapshot.auditRange;
    const head = snapshot.auditHead;
    const keyed = o.db.prepare<[], { keyed_from_seq: number }>('SELECT keyed_from_seq FROM audit_chain WHERE id = 1').get();
    const auditChain: PackageAuditChain = {
      head: head ? { seq: head.seq, hash: head.hash } : null,
      keyedFromSeq: keyed?.keyed_from_seq ?? null,
      firstSeq: range?.first ?? null,
      lastSeq: range?.last ?? null,
      rows: records['data/alarm-audit.json'] ?? 0,
      verifiedAtSite: await siteCheckOfChain(o.db, o.auditKey ? o.auditKey() : null),
    };

    const cap = o.attachmentCapBytes ?? DEFAULT_ATTACHMENT_CAP_BYTES;
    const leftOut: LeftOutAttachment[] = [];
    const attachments = attachmentsOf(o.dataDir, rows);
    let used = 0;
    for (const [k, a] of attachments.entries()) {
      progress('attachments', 0.65 + (k / Math.max(1, attachments.length)) * 0.3);
      let size: number;
      try {
        size = statSync(a.source).size;
      } catch {
        leftOut.push({ path: a.path, bytes: 0, reason: 'the file is no longer on the site (removed by retention or never written)' });
        continue;
      }
      if (used + size > cap) {
        leftOut.push({ path: a.path, bytes: size, reason: `the package's attachment cap of ${Math.round(cap / 1048576)} MiB was reached` });
        continue;
      }
      await writer.addFile(a.path, a.source, size);
      used += size;
    }

    progress('signing', 0.97);
    const { privateKey, publicKey } = o.keys.pair();
    const empty = Object.values(records).every((n) => n === 0);
    const manifest: PackageManifest = {
      format: DATA_PACKAGE_FORMAT,
      siteId: o.site.id,
      siteName: o.site.name,
      period: { from: o.period.from, to: o.period.to, timeZone: o.period.timeZone },
      createdAt: new Date(o.createdAtMs).toISOString(),
      madeBy: o.madeBy,
      empty,
      records,
      files: [...writer.files],
      leftOut,
      auditChain,
      publicKey: publicKeyPem(publicKey),
      keyFingerprint: keyFingerprint(publicKey),
    };
    const text = canonicalJson(manifest);
    await writer.addBuffer(MANIFEST_FILE, Buffer.from(text, 'utf8'), false);
    await writer.addBuffer(SIGNATURE_FILE, Buffer.from(signManifest(text, privateKey), 'latin1'), false);
    const done = await writer.finish();
    progress('done', 1);
    return { ...done, manifest };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
