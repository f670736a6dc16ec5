/**
 * Moves old audit rows out of the live table into signed archive files, so the log does not grow
 * forever yet stays verifiable. Each file in DATA/audit-archive holds one seq range as JSON Lines
 * (one row per line, canonical JSON, hashes included) with a signature beside it
 * (`NAME.jsonl.sig`): HMAC-SHA256 under the audit key over the file's sha256, the range and the
 * chain head it ends at. The live chain then goes on from that head (table `audit_archives`).
 *
 * Order of work: file written and synced, then one transaction records the range and deletes its
 * rows (the delete trigger lets only recorded ranges go). A crash between leaves a file that the
 * next run writes again.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditArchiveView } from '../../common/api/alarms.js';
import type { Logger } from '../log/logger.js';
import type { Database } from '../store/database.js';
import type { AlarmStore } from './alarm-store.js';
import { AUDIT_COLUMNS, auditMac, canonicalJson, chainHash, entryOf, rowFromDb, sameMac, type AuditRow, type ChainRule, type DbRow } from './audit-chain.js';
import type { AuditKeySource } from './audit-key.js';
import { archiveRangeText } from './audit-verifier.js';

export interface AuditArchiveOptions {
  dir: string;
  /** Rows older than this many days are archived (default 400). */
  afterDays?: number;
  /** Rows beyond the newest this many are archived (default 2,000,000). */
  maxRows?: number;
  /** Rows per archive file (default 50,000: a few MB). */
  fileRows?: number;
}

/** The signature file beside an archive: what it covers and the MAC over that. */
interface ArchiveSignature {
  firstSeq: number;
  lastSeq: number;
  startHash: string;
  headHash: string;
  rows: number;
  keyedFromSeq: number;
  sha256: string;
  mac: string;
}

const DAY_MS = 86_400_000;

export class AuditArchiver {
  private readonly afterDays: number;
  private readonly maxRows: number;
  private readonly fileRows: number;

  constructor(
    private readonly db: Database,
    private readonly store: AlarmStore,
    private readonly keys: AuditKeySource,
    private readonly options: AuditArchiveOptions,
    private readonly log: Logger,
  ) {
    this.afterDays = options.afterDays ?? 400;
    this.maxRows = options.maxRows ?? 2_000_000;
    this.fileRows = options.fileRows ?? 50_000;
  }

  /** Archives every due range, one file at a time, yielding between files. Returns the files written. */
  async archiveDue(now = Date.now()): Promise<string[]> {
    this.store.flush();
    const written: string[] = [];
    for (;;) {
      const range = this.nextRange(now);
      if (!range) return written;
      written.push(this.archiveRange(range.first, range.last, now));
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Archived ranges, each file checked against its signature and its own hash chain. */
  list(): AuditArchiveView[] {
    const key = this.keys.auditKey();
    return this.db
      .prepare<[], { file: string; first_seq: number; last_seq: number; rows: number; created_at: number }>('SELECT file, first_seq, last_seq, rows, created_at FROM audit_archives ORDER BY last_seq')
      .all()
      .map((r) => {
        const check = verifyArchiveFile(join(this.options.dir, r.file), key);
        return { file: r.file, firstSeq: r.first_seq, lastSeq: r.last_seq, rows: r.rows, createdAt: r.created_at, ok: check.ok, reason: check.ok ? null : check.reason };
      });
  }

  private nextRange(now: number): { first: number; last: number } | null {
    const live = this.db.prepare<[], { lo: number | null; hi: number | null }>('SELECT MIN(seq) AS lo, MAX(seq) AS hi FROM alarm_audit').get();
    if (!live || live.lo === null || live.hi === null) return null;
    const byAge = this.db.prepare<[number], { s: number | null }>('SELECT MAX(seq) AS s FROM alarm_audit WHERE at < ?').get(now - this.afterDays * DAY_MS)?.s ?? 0;
    const byCount = live.hi - this.maxRows;
    const upTo = Math.max(byAge, byCount);
    if (upTo < live.lo) return null;
    return { first: live.lo, last: Math.min(upTo, live.lo + this.fileRows - 1) };
  }

  private archiveRange(first: number, last: number, now: number): string {
    const key = this.keys.auditKey();
    const rule = this.store.chainRule();
    const rows = this.db
      .prepare<[number, number], DbRow>(`SELECT ${AUDIT_COLUMNS} FROM alarm_audit WHERE seq BETWEEN ? AND ? ORDER BY seq`)
      .all(first, last)
      .map(rowFromDb);
    const name = `audit-${String(first).padStart(10, '0')}-${String(last).padStart(10, '0')}.jsonl`;
    const body = rows.map((r) => canonicalJson(r)).join('\n') + '\n';
    const startHash = rows[0]!.prevHash;
    const headHash = rows[rows.length - 1]!.hash;
    const unsigned = { firstSeq: first, lastSeq: last, startHash, headHash, rows: rows.length, keyedFromSeq: rule.keyedFromSeq, sha256: sha256(body) };
    const signature: ArchiveSignature = { ...unsigned, mac: auditMac(key, canonicalJson(unsigned)) };
    mkdirSync(this.options.dir, { recursive: true });
    writeSynced(join(this.options.dir, name), body);
    writeSynced(join(this.options.dir, `${name}.sig`), JSON.stringify(signature, null, 2) + '\n');
    const range = { firstSeq: first, lastSeq: last, startHash, headHash, rows: rows.length, file: name, createdAt: now };
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO audit_archives (last_seq, first_seq, start_hash, head_hash, rows, file, created_at, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(last, first, startHash, headHash, rows.length, name, now, auditMac(key, archiveRangeText(range)));
      this.db.prepare('DELETE FROM alarm_audit WHERE seq BETWEEN ? AND ?').run(first, last);
    })();
    this.log.info('audit rows archived', { file: name, first, last });
    return name;
  }
}

/**
 * Checks one archive file: its signature (made with `key`), its sha256, and the hash chain of its
 * rows from the recorded start hash to the recorded head. Needs only the file, its `.sig` and the key.
 */
export function verifyArchiveFile(path: string, key: Buffer): { ok: true; rows: number; headHash: string } | { ok: false; reason: string } {
  const sigPath = `${path}.sig`;
  if (!existsSync(path) || !existsSync(sigPath)) return { ok: false, reason: 'the archive file or its signature is missing' };
  let signature: ArchiveSignature;
  try {
    signature = JSON.parse(readFileSync(sigPath, 'utf8')) as ArchiveSignature;
  } catch {
    return { ok: false, reason: 'the signature file is not readable JSON' };
  }
  const { mac, ...unsigned } = signature;
  if (!sameMac(mac, auditMac(key, canonicalJson(unsigned)))) return { ok: false, reason: 'the signature does not match: the signature file was changed or the key is not this site’s' };
  const body = readFileSync(path, 'utf8');
  if (sha256(body) !== signature.sha256) return { ok: false, reason: 'the file was changed after it was signed' };
  const rule: ChainRule = { key, keyedFromSeq: signature.keyedFromSeq };
  let prevHash = signature.startHash;
  let seq = signature.firstSeq;
  const lines = body.split('\n').filter((l) => l.length > 0);
  for (const line of lines) {
    const row = JSON.parse(line) as AuditRow;
    if (row.seq !== seq) return { ok: false, reason: `expected row ${seq}, found ${row.seq}` };
    if (row.prevHash !== prevHash || chainHash(rule, prevHash, entryOf(row)) !== row.hash) return { ok: false, reason: `row ${row.seq} does not fit the chain` };
    prevHash = row.hash;
    seq++;
  }
  if (lines.length !== signature.rows || prevHash !== signature.headHash) return { ok: false, reason: 'the file does not end at the signed chain head' };
  return { ok: true, rows: lines.length, headHash: prevHash };
}

/** Archive files present in `dir` (names only), for tools. */
export function archiveFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort() : [];
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function writeSynced(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
