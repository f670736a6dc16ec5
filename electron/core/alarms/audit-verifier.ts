/**
 * Verifying the audit chain: a walk in seq order that reports the first row that does not fit —
 * a seq gap (a row removed), a prev_hash not equal to the previous row's hash, or a hash that
 * does not match the row's content (a row edited, or rewritten without the key).
 *
 * The walk reads in pages by seq (never one open cursor), so the job can yield to the event loop
 * between pages: a 200k-row chain takes seconds, during which alarms and video must go on.
 */
import type { AuditVerifyProgress, AuditVerifyReply } from '../../common/api/alarms.js';
import type { Database } from '../store/database.js';
import { AUDIT_COLUMNS, GENESIS_HASH, auditMac, canonicalJson, chainHash, entryOf, rowFromDb, sameMac, switchOverText, type ChainRule, type DbRow } from './audit-chain.js';
import type { AuditKeySource } from './audit-key.js';

export type AuditVerification = AuditVerifyReply;

/** Where verification of the live table starts: after the newest archived range, or at seq 1. */
export interface ChainStart {
  rule: ChainRule;
  firstSeq: number;
  prevHash: string;
}

interface ArchiveRow {
  last_seq: number;
  first_seq: number;
  start_hash: string;
  head_hash: string;
  rows: number;
  file: string;
  created_at: number;
  mac: string;
}

/** The text an archived range's MAC covers. */
export function archiveRangeText(r: { firstSeq: number; lastSeq: number; startHash: string; headHash: string; rows: number; file: string; createdAt: number }): string {
  return canonicalJson({ kind: 'audit-archive', firstSeq: r.firstSeq, lastSeq: r.lastSeq, startHash: r.startHash, headHash: r.headHash, rows: r.rows, file: r.file, createdAt: r.createdAt });
}

/** The hashing rule from `audit_chain`, its seal checked; a reason when it is missing or forged. */
export function readChainRule(db: Database, key: Buffer): ChainRule | string {
  const row = db.prepare<[], { keyed_from_seq: number; switch_mac: string | null }>('SELECT keyed_from_seq, switch_mac FROM audit_chain WHERE id = 1').get();
  if (!row) return 'the record of where keyed hashes begin is missing';
  if (!sameMac(row.switch_mac, auditMac(key, switchOverText(row.keyed_from_seq)))) {
    return 'the record of where keyed hashes begin was changed, or the audit key is not the one the chain was written with';
  }
  return { key, keyedFromSeq: row.keyed_from_seq };
}

export function readChainStart(db: Database, key: Buffer): ChainStart | { broken: string; seq: number } {
  const rule = readChainRule(db, key);
  if (typeof rule === 'string') return { broken: rule, seq: 0 };
  const archive = db.prepare<[], ArchiveRow>('SELECT * FROM audit_archives ORDER BY last_seq DESC LIMIT 1').get();
  if (!archive) return { rule, firstSeq: 1, prevHash: GENESIS_HASH };
  const text = archiveRangeText({ firstSeq: archive.first_seq, lastSeq: archive.last_seq, startHash: archive.start_hash, headHash: archive.head_hash, rows: archive.rows, file: archive.file, createdAt: archive.created_at });
  if (!sameMac(archive.mac, auditMac(key, text))) return { broken: `the record of archive ${archive.file} was changed`, seq: archive.last_seq };
  return { rule, firstSeq: archive.last_seq + 1, prevHash: archive.head_hash };
}

/** One verification walk; `step` checks up to `pageRows` rows and says whether it is finished. */
export class AuditChainWalk {
  checked = 0;
  result: AuditVerification | null = null;
  readonly total: number;
  private nextSeq: number;
  private prevHash: string;
  private readonly rule: ChainRule | null;
  private readonly firstSeq: number;
  private readonly page;

  constructor(db: Database, key: Buffer) {
    const start = readChainStart(db, key);
    this.page = db.prepare<[number, number], DbRow>(`SELECT ${AUDIT_COLUMNS} FROM alarm_audit WHERE seq >= ? ORDER BY seq LIMIT ?`);
    if ('broken' in start) {
      this.rule = null;
      this.firstSeq = 1;
      this.nextSeq = 1;
      this.prevHash = GENESIS_HASH;
      this.total = 0;
      this.result = { ok: false, rows: 0, firstSeq: 1, brokenSeq: start.seq, reason: start.broken };
      return;
    }
    this.rule = start.rule;
    this.firstSeq = start.firstSeq;
    this.nextSeq = start.firstSeq;
    this.prevHash = start.prevHash;
    this.total = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM alarm_audit').get()?.n ?? 0;
  }

  step(pageRows: number): boolean {
    if (this.result || !this.rule) return true;
    const rows = this.page.all(this.nextSeq, pageRows);
    for (const dbRow of rows) {
      const row = rowFromDb(dbRow);
      const fail = (reason: string): true => {
        this.result = { ok: false, rows: this.checked, firstSeq: this.firstSeq, brokenSeq: row.seq, reason };
        return true;
      };
      if (row.seq !== this.nextSeq) return fail(`expected row ${this.nextSeq} next, found ${row.seq}: rows are missing`);
      if (row.prevHash !== this.prevHash) return fail("prev_hash does not match the previous row's hash");
      if (chainHash(this.rule, row.prevHash, entryOf(row)) !== row.hash) return fail("hash does not match the row's content: the row was changed");
      this.prevHash = row.hash;
      this.nextSeq++;
      this.checked++;
    }
    if (rows.length < pageRows) {
      this.result = { ok: true, rows: this.checked, firstSeq: this.firstSeq, headHash: this.prevHash };
      return true;
    }
    return false;
  }
}

/** The whole chain at once, blocking: for tests and tools, never on the API path. */
export function verifyAuditChain(db: Database, key: Buffer): AuditVerification {
  const walk = new AuditChainWalk(db, key);
  while (!walk.step(10_000));
  return walk.result!;
}

/** Rows per page between yields: about 5–10 ms of hashing here, so the event loop stays responsive. */
export const VERIFY_PAGE_ROWS = 1_000;

/**
 * The API's verification job: one at a time (a second request joins the running one), run in
 * pages that each yield to the event loop, with progress to poll.
 */
export class AuditVerifier {
  private current: AuditVerifyProgress = { state: 'idle', checked: 0, total: 0, startedAt: null, finishedAt: null, result: null };
  private running: Promise<AuditVerifyProgress> | null = null;

  constructor(
    private readonly db: Database,
    private readonly keys: AuditKeySource,
    /** Written audit rows first, so the job sees everything acknowledged before it started. */
    private readonly beforeStart: () => void = () => {},
  ) {}

  progress(): AuditVerifyProgress {
    return { ...this.current };
  }

  /** Starts a job, or joins the running one; resolves with the progress at once (not the end). */
  start(): AuditVerifyProgress {
    if (!this.running) this.running = this.run().finally(() => (this.running = null));
    return this.progress();
  }

  /** Resolves when the running (or a new) job ends. */
  async finished(): Promise<AuditVerifyProgress> {
    if (!this.running) this.start();
    return this.running!;
  }

  private run(): Promise<AuditVerifyProgress> {
    this.beforeStart();
    const walk = new AuditChainWalk(this.db, this.keys.auditKey());
    this.current = { state: 'running', checked: 0, total: walk.total, startedAt: Date.now(), finishedAt: null, result: null };
    return new Promise((resolve) => {
      const next = () => {
        let done: boolean;
        try {
          done = !this.db.open || walk.step(VERIFY_PAGE_ROWS);
        } catch (error) {
          walk.result = { ok: false, rows: walk.checked, firstSeq: 0, brokenSeq: 0, reason: `verification stopped: ${(error as Error).message}` };
          done = true;
        }
        this.current = { ...this.current, checked: walk.checked };
        if (!done) {
          setImmediate(next);
          return;
        }
        this.current = {
          ...this.current,
          state: 'done',
          finishedAt: Date.now(),
          result: walk.result ?? { ok: false, rows: walk.checked, firstSeq: 0, brokenSeq: 0, reason: 'the database was closed during verification' },
        };
        resolve(this.progress());
      };
      setImmediate(next);
    });
  }
}
