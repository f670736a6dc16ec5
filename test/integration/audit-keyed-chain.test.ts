import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlarmEngine } from '../../electron/core/alarms/alarm-engine.js';
import { AlarmStore } from '../../electron/core/alarms/alarm-store.js';
import type { ConditionEvaluation } from '../../electron/core/alarms/alarm-types.js';
import { AuditArchiver, verifyArchiveFile } from '../../electron/core/alarms/audit-archiver.js';
import { AUDIT_COLUMNS, GENESIS_HASH, canonicalJson, entryHash, keyedEntryHash, type AuditEntry } from '../../electron/core/alarms/audit-chain.js';
import { fixedAuditKey, vaultAuditKey } from '../../electron/core/alarms/audit-key.js';
import { openVaults } from '../../electron/core/secrets/open-vaults.js';
import { AuditVerifier, verifyAuditChain } from '../../electron/core/alarms/audit-verifier.js';
import { createLogger } from '../../electron/core/log/logger.js';
import { closeDatabase, openDatabase, type Database } from '../../electron/core/store/database.js';
import { MIGRATIONS } from '../../electron/core/store/migrations.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

const KEY = Buffer.alloc(32, 9);
const keys = fixedAuditKey(KEY);
const T0 = Date.UTC(2025, 5, 2, 2, 0, 0);
const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });

function moment(value: number, device = 'crane-1'): ConditionEvaluation {
  return {
    conditionKey: `${device}:moment:cutoff`,
    sourceDevice: device,
    priority: 'critical',
    message: `moment ${value} %`,
    value,
    limit: 110,
    unit: '%',
    beyond: value >= 110,
    clearable: value < 108,
    latched: false,
    onDelayMs: 0,
    offDelayMs: 0,
  };
}

/** `n` alarm events (activate/return alternating) through a real engine into `store`. */
function writeEvents(store: AlarmStore, n: number, at = T0): void {
  let id = 0;
  const engine = new AlarmEngine({ newId: () => `a${++id}`, onEvent: (e) => store.enqueue(e) });
  for (let i = 0; i < n; i++) engine.evaluate([moment(i % 2 === 0 ? 112 : 60)], at + i * 1000);
  store.flush();
}

/** Rows as a database before the keyed chain had them: plain sha256, written straight into the table. */
function writeLegacyRows(db: Database, n: number, hashOf: (prev: string, entry: AuditEntry) => string = entryHash): void {
  const insert = db.prepare(`INSERT INTO alarm_audit (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry: AuditEntry = { seq, at: T0 + seq, type: 'activated', alarmId: `old${seq}`, conditionKey: 'crane-1:moment:cutoff', sourceDevice: 'crane-1', priority: 'critical', actor: 'system', actorRole: 'system', text: null, state: 'unack-active', detail: { value: 112 } };
    const hash = hashOf(prev, entry);
    insert.run(seq, entry.at, entry.type, entry.alarmId, entry.conditionKey, entry.sourceDevice, entry.priority, entry.actor, entry.actorRole, null, entry.state, canonicalJson(entry.detail), prev, hash);
    prev = hash;
  }
}

describe('keyed audit chain (HMAC-SHA256, key sealed)', () => {
  let dir: string;
  let db: Database;
  beforeEach(() => {
    dir = tempDir('sc-audit-');
    db = openDatabase(dir);
  });
  afterEach(() => closeDatabase(db));

  it('a row rewritten and re-hashed with sha256 (no key) fails verification', () => {
    const store = new AlarmStore(db, { keys, autoFlush: false });
    writeEvents(store, 4);
    expect(verifyAuditChain(db, KEY)).toMatchObject({ ok: true, rows: 4 });
    // Whoever copied the file rewrites row 2 and recomputes every later hash the unkeyed way.
    db.exec('DROP TRIGGER alarm_audit_no_update');
    const rows = db.prepare(`SELECT ${AUDIT_COLUMNS} FROM alarm_audit ORDER BY seq`).all() as Array<Record<string, unknown>>;
    let prev = rows[0]!['hash'] as string;
    for (const r of rows.slice(1)) {
      const entry: AuditEntry = { seq: r['seq'] as number, at: r['at'] as number, type: r['event_type'] as string, alarmId: r['alarm_id'] as string, conditionKey: r['condition_key'] as string, sourceDevice: r['source_device'] as string, priority: r['priority'] as string, actor: r['seq'] === 2 ? 'someone-else' : (r['actor'] as string), actorRole: r['actor_role'] as string, text: r['text'] as string | null, state: r['state'] as string, detail: JSON.parse(r['detail'] as string) as Record<string, unknown> };
      const hash = entryHash(prev, entry);
      db.prepare('UPDATE alarm_audit SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(entry.actor, prev, hash, entry.seq);
      prev = hash;
    }
    expect(verifyAuditChain(db, KEY)).toMatchObject({ ok: false, brokenSeq: 2 });
  });

  it('an old database keeps verifying its sha256 rows up to the switch-over, HMAC after it', () => {
    closeDatabase(db);
    dir = tempDir('sc-audit-old-');
    db = openDatabase(dir, MIGRATIONS.filter((m) => m.version <= 8));
    writeLegacyRows(db, 5);
    closeDatabase(db);
    db = openDatabase(dir);
    expect(db.prepare('SELECT keyed_from_seq FROM audit_chain').get()).toEqual({ keyed_from_seq: 6 });
    const store = new AlarmStore(db, { keys, autoFlush: false });
    writeEvents(store, 3, T0 + 100_000);
    expect(verifyAuditChain(db, KEY)).toMatchObject({ ok: true, rows: 8 });

    // A row after the switch, rewritten with a plain sha256 hash (and the next row's link fixed), fails.
    db.exec('DROP TRIGGER alarm_audit_no_update');
    const row7 = db.prepare('SELECT * FROM alarm_audit WHERE seq = 7').get() as Record<string, unknown>;
    const entry: AuditEntry = { seq: 7, at: row7['at'] as number, type: row7['event_type'] as string, alarmId: row7['alarm_id'] as string, conditionKey: row7['condition_key'] as string, sourceDevice: row7['source_device'] as string, priority: row7['priority'] as string, actor: 'forger', actorRole: row7['actor_role'] as string, text: row7['text'] as string | null, state: row7['state'] as string, detail: JSON.parse(row7['detail'] as string) as Record<string, unknown> };
    const forged = entryHash(row7['prev_hash'] as string, entry);
    db.prepare("UPDATE alarm_audit SET actor = 'forger', hash = ? WHERE seq = 7").run(forged);
    db.prepare('UPDATE alarm_audit SET prev_hash = ? WHERE seq = 8').run(forged);
    expect(verifyAuditChain(db, KEY)).toMatchObject({ ok: false, brokenSeq: 7 });
  });

  it('moving the switch-over to pass keyed rows off as legacy ones is detected', () => {
    const store = new AlarmStore(db, { keys, autoFlush: false });
    writeEvents(store, 2);
    db.prepare('UPDATE audit_chain SET keyed_from_seq = 100').run();
    expect(verifyAuditChain(db, KEY)).toMatchObject({ ok: false, reason: expect.stringMatching(/keyed hashes begin/) });
  });

  it('verification with another key fails', () => {
    const store = new AlarmStore(db, { keys, autoFlush: false });
    writeEvents(store, 2);
    expect(verifyAuditChain(db, Buffer.alloc(32, 1)).ok).toBe(false);
  });

  it('keeps the key in the vault, sealed, outside the database: the same key after a reopen, never in plain text', () => {
    const secretsDir = join(dir, 'secrets');
    const key = vaultAuditKey(openVaults(dir).secrets).auditKey();
    expect(key.length).toBe(32);
    expect(vaultAuditKey(openVaults(dir).secrets).auditKey().equals(key)).toBe(true);
    const b64 = key.toString('base64');
    for (const file of readdirSync(secretsDir)) expect(readFileSync(join(secretsDir, file), 'utf8')).not.toContain(b64);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const table of tables) {
      const text = JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all());
      expect(text).not.toContain(b64);
    }
  });

  it('chains security events with alarm events and lists them', () => {
    const store = new AlarmStore(db, { keys, autoFlush: false });
    writeEvents(store, 1);
    store.recordSecurityEvent({ type: 'login-lockout', actor: 'li.wei', actorRole: 'operator', text: '5 failed logins from 10.0.0.7', detail: { address: '10.0.0.7' } });
    writeEvents(store, 1, T0 + 50_000);
    const [, security] = store.audit({ limit: 3 }).reverse();
    expect(security).toMatchObject({ seq: 2, type: 'login-lockout', conditionKey: 'security', actor: 'li.wei', text: '5 failed logins from 10.0.0.7', detail: { address: '10.0.0.7' } });
    expect(verifyAuditChain(db, KEY)).toMatchObject({ ok: true, rows: 3 });
  });

  it('archives old rows to a signed file; the live chain verifies from the archived head and goes on', async () => {
    const store = new AlarmStore(db, { keys, autoFlush: false });
    writeEvents(store, 30);
    const archiveDir = join(dir, 'audit-archive');
    const archiver = new AuditArchiver(db, store, keys, { dir: archiveDir, afterDays: 400, maxRows: 1000, fileRows: 8 }, quiet);
    // 30 rows at T0…T0+29 s; "now" is 400 days and 20 s later: rows 1–20 are older than 400 days.
    const files = await archiver.archiveDue(T0 + 400 * 86_400_000 + 20_000);
    expect(files).toEqual(['audit-0000000001-0000000008.jsonl', 'audit-0000000009-0000000016.jsonl', 'audit-0000000017-0000000020.jsonl']);
    expect(db.prepare('SELECT MIN(seq) AS lo, count(*) AS n FROM alarm_audit').get()).toEqual({ lo: 21, n: 10 });
    expect(verifyAuditChain(db, KEY)).toMatchObject({ ok: true, rows: 10, firstSeq: 21 });
    writeEvents(store, 2, T0 + 500 * 86_400_000);
    expect(verifyAuditChain(db, KEY)).toMatchObject({ ok: true, rows: 12, firstSeq: 21 });
    expect(archiver.list().map((a) => [a.file, a.ok])).toEqual(files.map((f) => [f, true]));
    // Unarchived rows still cannot be deleted.
    expect(() => db.prepare('DELETE FROM alarm_audit WHERE seq = 25').run()).toThrow(/append-only/);

    // One changed character in an archive file is found, by the API's list and by the file check.
    const path = join(archiveDir, files[1]!);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"actor":"system"', '"actor":"sysadm"'));
    expect(verifyArchiveFile(path, KEY)).toMatchObject({ ok: false, reason: expect.stringMatching(/changed/) });
    expect(archiver.list().find((a) => a.file === files[1])).toMatchObject({ ok: false });
    expect(verifyArchiveFile(join(archiveDir, files[0]!), KEY)).toMatchObject({ ok: true, rows: 8 });
  });

  it('archives by row count too, and an archive with everything gone still continues the chain after a reopen', async () => {
    let store = new AlarmStore(db, { keys, autoFlush: false });
    writeEvents(store, 12);
    const archiver = new AuditArchiver(db, store, keys, { dir: join(dir, 'audit-archive'), afterDays: 400, maxRows: 5 }, quiet);
    expect(await archiver.archiveDue(T0)).toEqual(['audit-0000000001-0000000007.jsonl']);
    closeDatabase(db);
    db = openDatabase(dir);
    store = new AlarmStore(db, { keys, autoFlush: false });
    expect(store.headOfChain().seq).toBe(12);
    writeEvents(store, 1, T0 + 99_000);
    expect(verifyAuditChain(db, KEY)).toMatchObject({ ok: true, rows: 6, firstSeq: 8 });
  });
});

describe('incremental verification job', () => {
  it('keeps the event loop turning on a 200k-row chain, joins concurrent requests, and finds a broken row by seq', async () => {
    const dir = tempDir('sc-audit-big-');
    const db = openDatabase(dir);
    // The store seals the switch-over (keyed from row 1); the rows go straight in, keyed, in one transaction.
    new AlarmStore(db, { keys });
    db.transaction(() => writeLegacyRows(db, 200_000, (prev, entry) => keyedEntryHash(KEY, prev, entry)))();
    db.exec('DROP TRIGGER alarm_audit_no_update');
    db.prepare("UPDATE alarm_audit SET text = 'edited' WHERE seq = 150000").run();

    const verifier = new AuditVerifier(db, keys);
    let maxGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 5);
    const first = verifier.start();
    const second = verifier.start();
    expect(first).toMatchObject({ state: 'running', total: 200_000 });
    expect(second.startedAt).toBe(first.startedAt);
    await new Promise((r) => setTimeout(r, 50));
    const midway = verifier.progress();
    const done = await verifier.finished();
    clearInterval(ticker);
    expect(midway.checked).toBeGreaterThan(0);
    expect(midway.checked).toBeLessThan(149_999);
    expect(done).toMatchObject({ state: 'done', checked: 149_999, result: { ok: false, brokenSeq: 150_000, rows: 149_999 } });
    // A bound, not a benchmark: a blocking walk of 200k HMACs takes seconds here.
    expect(maxGap).toBeLessThan(200);
    closeDatabase(db);
  }, 120_000);
});
