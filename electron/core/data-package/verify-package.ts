/**
 * Offline verification of a data package (no site, no network): the tar's structure, every
 * file's size and SHA-256 against the manifest, no file missing or extra, the Ed25519 signature
 * over the manifest's canonical JSON with the registered key (or the embedded one, said so), and
 * the alarm audit rows' chain as far as it can be checked without the site's HMAC key.
 * Every problem names the file it is in and says it in Chinese and English.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../common/canonical-json.js';
import { DATA_PACKAGE_FORMAT, MANIFEST_FILE, SIGNATURE_FILE, type PackageManifest } from '../../common/data-package.js';
import { checkAuditRows } from './audit-offline.js';
import type { ByteSource } from './byte-source.js';
import { keyFingerprint, normalizeFingerprint, parseSignature, readPublicKey, signatureValid } from './signing.js';
import { BLOCK, decodeHeader } from './tar-format.js';

export interface PackageProblem {
  /** The file inside the package, or `(package)` for the container itself. */
  file: string;
  zh: string;
  en: string;
}

export interface VerifyOptions {
  /** The key registered with the authority (PEM); checked against the signature. */
  registeredKey?: KeyObject;
  /** Or the registered key's fingerprint (hex, spaces and colons allowed). */
  fingerprint?: string;
}

export interface PackageVerification {
  ok: boolean;
  problems: PackageProblem[];
  /** What was checked and what could not be, in both languages. */
  notes: Array<{ zh: string; en: string }>;
  manifest: PackageManifest | null;
  /** How the signing key was established. */
  key: 'registered' | 'fingerprint' | 'embedded-unchecked' | 'none';
}

interface Entry {
  offset: number;
  size: number;
  sha256: string;
}

const CONTAINER = '(package)';
const AUDIT_FILE = 'data/alarm-audit.json';
const HASH_CHUNK = 1 << 20;
/** Small files the verifier parses (manifest, signature, audit rows) are read whole up to this. */
const MAX_PARSED_BYTES = 256 << 20;

/** Walks the tar; entries by name, or the first structural problem. */
function readEntries(src: ByteSource): Map<string, Entry> | PackageProblem {
  const entries = new Map<string, Entry>();
  let offset = 0;
  const bad = (file: string, zh: string, en: string): PackageProblem => ({ file, zh, en });
  if (src.size === 0) return bad(CONTAINER, '文件为空，不是数据包', 'the file is empty: not a data package');
  if (src.size % BLOCK !== 0) return bad(CONTAINER, '文件长度不是 512 字节的整数倍：文件被截断或附加了数据', 'the file length is not a whole number of 512-byte blocks: it was truncated or something was appended');
  for (;;) {
    if (offset + BLOCK > src.size) return bad(CONTAINER, '文件在归档结束标记之前结束（被截断）', 'the file ends before the end-of-archive marker (truncated)');
    const header = decodeHeader(src.read(offset, BLOCK));
    if (header === 'end') {
      const second = src.read(offset + BLOCK, BLOCK);
      if (second.length !== BLOCK || !second.every((b) => b === 0) || offset + 2 * BLOCK !== src.size) {
        return bad(CONTAINER, '归档结束标记之后还有数据，或结束标记不完整', 'there are bytes after the end-of-archive marker, or the marker is incomplete');
      }
      return entries;
    }
    if ('problem' in header) return bad(CONTAINER, `tar 头损坏：${header.problem}`, header.problem);
    if (entries.has(header.name)) return bad(header.name, '数据包中出现两次', 'appears twice in the package');
    const start = offset + BLOCK;
    const end = start + header.size;
    const padded = start + Math.ceil(header.size / BLOCK) * BLOCK;
    if (padded > src.size) return bad(header.name, '文件内容被截断', 'its content is cut short (the package is truncated)');
    const hash = createHash('sha256');
    for (let at = start; at < end; at += HASH_CHUNK) hash.update(src.read(at, Math.min(HASH_CHUNK, end - at)));
    if (padded > end && !src.read(end, padded - end).every((b) => b === 0)) return bad(header.name, '文件后的填充字节被改动', 'the padding after its content was changed');
    entries.set(header.name, { offset: start, size: header.size, sha256: hash.digest('hex') });
    offset = padded;
  }
}

function isManifest(v: unknown): v is PackageManifest {
  const m = v as PackageManifest;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.format === DATA_PACKAGE_FORMAT &&
    typeof m.siteId === 'string' &&
    typeof m.publicKey === 'string' &&
    typeof m.keyFingerprint === 'string' &&
    Array.isArray(m.files) &&
    m.files.every((f) => typeof f?.path === 'string' && Number.isSafeInteger(f.size) && typeof f.sha256 === 'string') &&
    Array.isArray(m.leftOut) &&
    typeof m.period?.from === 'string' &&
    typeof m.auditChain === 'object' &&
    m.auditChain !== null
  );
}

export function verifyPackage(src: ByteSource, options: VerifyOptions = {}): PackageVerification {
  const problems: PackageProblem[] = [];
  const notes: PackageVerification['notes'] = [];
  const result = (manifest: PackageManifest | null, key: PackageVerification['key']): PackageVerification => ({ ok: problems.length === 0, problems, notes, manifest, key });
  const entries = readEntries(src);
  if (!(entries instanceof Map)) {
    problems.push(entries);
    return result(null, 'none');
  }
  const text = (name: string) => {
    const e = entries.get(name)!;
    return e.size > MAX_PARSED_BYTES ? null : src.read(e.offset, e.size);
  };
  if (!entries.has(MANIFEST_FILE)) problems.push({ file: MANIFEST_FILE, zh: '缺少清单文件', en: 'the manifest is missing' });
  if (!entries.has(SIGNATURE_FILE)) problems.push({ file: SIGNATURE_FILE, zh: '缺少签名文件', en: 'the signature is missing' });
  if (problems.length) return result(null, 'none');

  const manifestBytes = text(MANIFEST_FILE);
  let manifest: PackageManifest | null = null;
  try {
    const parsed: unknown = manifestBytes ? JSON.parse(manifestBytes.toString('utf8')) : null;
    if (isManifest(parsed)) manifest = parsed;
  } catch {
    // reported below
  }
  if (!manifest || !manifestBytes) {
    problems.push({ file: MANIFEST_FILE, zh: '清单无法读取或格式不对', en: `the manifest cannot be read or is not a ${DATA_PACKAGE_FORMAT} manifest` });
    return result(null, 'none');
  }
  if (canonicalJson(manifest) !== manifestBytes.toString('utf8')) problems.push({ file: MANIFEST_FILE, zh: '清单不是规范 JSON 形式（已被改动）', en: 'the manifest is not in its canonical JSON form (it was changed)' });

  // The key: the registered one if given; else the embedded one, checked against a fingerprint if given.
  const embedded = readPublicKey(manifest.publicKey);
  let key: KeyObject | null = null;
  let how: PackageVerification['key'] = 'none';
  if (typeof embedded === 'string') problems.push({ file: MANIFEST_FILE, zh: `清单中的公钥无效：${embedded}`, en: `the public key in the manifest is not usable: ${embedded}` });
  else if (keyFingerprint(embedded) !== manifest.keyFingerprint) problems.push({ file: MANIFEST_FILE, zh: '清单中的公钥指纹与公钥不符', en: "the manifest's key fingerprint does not match its public key" });
  if (options.registeredKey) {
    key = options.registeredKey;
    how = 'registered';
    if (typeof embedded !== 'string' && keyFingerprint(embedded) !== keyFingerprint(key)) {
      problems.push({ file: MANIFEST_FILE, zh: '数据包不是用登记的站点密钥签名的（密钥不同）', en: 'the package was not signed with the registered site key (the keys differ)' });
    }
  } else if (typeof embedded !== 'string') {
    key = embedded;
    if (options.fingerprint !== undefined) {
      how = 'fingerprint';
      if (normalizeFingerprint(options.fingerprint) !== keyFingerprint(embedded)) {
        problems.push({ file: MANIFEST_FILE, zh: '签名公钥的指纹与登记的指纹不符', en: 'the signing key does not have the registered fingerprint' });
      }
    } else {
      how = 'embedded-unchecked';
      notes.push({
        zh: '未提供登记的公钥或指纹：签名仅用数据包自带的公钥验证，不能证明数据包来自已登记的站点。',
        en: 'No registered key or fingerprint given: the signature was checked with the key the package carries, which does not prove the package comes from the registered site.',
      });
    }
  }
  const sig = parseSignature(text(SIGNATURE_FILE)?.toString('latin1') ?? '');
  if (!sig) problems.push({ file: SIGNATURE_FILE, zh: '签名文件格式不对（已被改动）', en: 'the signature file is not a base64 Ed25519 signature (it was changed)' });
  else if (key && !signatureValid(manifestBytes, sig, key)) problems.push({ file: `${MANIFEST_FILE} + ${SIGNATURE_FILE}`, zh: '签名无效：清单被改动，或签名不是该密钥所签（伪造）', en: 'the signature does not verify: the manifest was changed, or the signature was not made with this key (forged)' });

  // Every file against the manifest, and nothing more or less.
  const listed = new Set<string>();
  for (const f of manifest.files) {
    if (listed.has(f.path) || f.path === MANIFEST_FILE || f.path === SIGNATURE_FILE) problems.push({ file: f.path, zh: '清单中重复列出', en: 'is listed twice in the manifest' });
    listed.add(f.path);
    const e = entries.get(f.path);
    if (!e) problems.push({ file: f.path, zh: '清单中有此文件，数据包中缺失', en: 'is listed in the manifest but missing from the package' });
    else if (e.size !== f.size) problems.push({ file: f.path, zh: `大小不符：清单 ${f.size} 字节，实际 ${e.size} 字节`, en: `size differs: the manifest says ${f.size} bytes, the file has ${e.size}` });
    else if (e.sha256 !== f.sha256) problems.push({ file: f.path, zh: 'SHA-256 不符：文件内容被改动', en: 'SHA-256 differs: the content was changed' });
  }
  for (const name of entries.keys()) {
    if (name !== MANIFEST_FILE && name !== SIGNATURE_FILE && !listed.has(name)) problems.push({ file: name, zh: '数据包中有此文件，清单中没有', en: 'is in the package but not in the manifest' });
  }

  // The audit rows, as far as they can be checked offline.
  const audit = entries.get(AUDIT_FILE);
  if (audit && !problems.some((p) => p.file === AUDIT_FILE)) {
    let rows: unknown = null;
    try {
      rows = JSON.parse(text(AUDIT_FILE)?.toString('utf8') ?? 'null');
    } catch {
      rows = null;
    }
    const check = checkAuditRows(rows, manifest.auditChain);
    for (const p of check.problems) problems.push({ file: AUDIT_FILE, zh: `审计链不一致：${p.zh}`, en: `the audit chain is inconsistent: ${p.en}` });
    notes.push({
      zh: `报警审计行：${check.recomputed} 行已离线重算哈希，${check.linkedOnly} 行使用站点 HMAC 密钥，离线只能检查前后链接（密钥不离开站点）。`,
      en: `Alarm audit rows: ${check.recomputed} recomputed offline; ${check.linkedOnly} are keyed with the site's HMAC key, so offline only their links are checked (the key never leaves the site).`,
    });
  }
  if (manifest.leftOut.length) notes.push({ zh: `有 ${manifest.leftOut.length} 个附件因大小上限未放入（清单 leftOut 列出）。`, en: `${manifest.leftOut.length} attachments were left out by the size cap (listed in the manifest's leftOut).` });
  if (manifest.empty) notes.push({ zh: '该时段没有任何记录（空数据包，仍已签名）。', en: 'The period holds no records (an empty package, still signed).' });
  return result(manifest, how);
}
