import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlarmEngine } from '../../electron/core/alarms/alarm-engine.js';
import { AlarmStore } from '../../electron/core/alarms/alarm-store.js';
import type { AlarmActor, ConditionEvaluation } from '../../electron/core/alarms/alarm-types.js';
import { GENESIS_HASH } from '../../electron/core/alarms/audit-chain.js';
import { fixedAuditKey } from '../../electron/core/alarms/audit-key.js';
import { verifyAuditChain as verifyWithKey } from '../../electron/core/alarms/audit-verifier.js';
import { closeDatabase, openDatabase, type Database } from '../../electron/core/store/database.js';

const OPERATOR: AlarmActor = { user: 'li.wei', role: 'operator' };
const SAFETY: AlarmActor = { user: 'zhang.min', role: 'safety' };
const T0 = Date.UTC(2025, 5, 2, 2, 0, 0);

function moment(value: number, level: 'warning' | 'cutoff' = 'cutoff'): ConditionEvaluation {
  const limit = level === 'cutoff' ? 110 : 90;
  return {
    conditionKey: `crane-1:moment:${level}`,
    sourceDevice: 'crane-1',
    priority: level === 'cutoff' ? 'critical' : 'medium',
    message: `moment ${value} %`,
    value,
    limit,
    unit: '%',
    beyond: value >= limit,
    clearable: value < limit - 2,
    latched: level === 'cutoff',
    onDelayMs: 0,
    offDelayMs: 0,
  };
}

const KEY = Buffer.alloc(32, 7);
const keys = fixedAuditKey(KEY);
const verifyAuditChain = (db: Database) => verifyWithKey(db, KEY);

function counterIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

describe('alarm store on a real SQLite file', () => {
  let dir: string;
  let db: Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sc-alarms-'));
    db = openDatabase(dir);
  });

  afterEach(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  function wired(prefix = 'a') {
    const store = new AlarmStore(db, { keys, autoFlush: false });
    const engine = new AlarmEngine({ newId: counterIds(prefix), onEvent: (e) => store.enqueue(e) });
    return { store, engine };
  }

  it('has the alarm tables of migration 2 (and is at the latest version)', () => {
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('alarms', 'alarm_audit') ORDER BY name").all()).toEqual([{ name: 'alarm_audit' }, { name: 'alarms' }]);
  });

  it('persists events, keeps a latched unacknowledged alarm across a reopen, and the chain verifies', () => {
    const { store, engine } = wired();
    engine.evaluate([moment(112), moment(112, 'warning')], T0);
    engine.evaluate([moment(60), moment(60, 'warning')], T0 + 5_000);
    expect(store.flush()).toBe(true);
    // warning: activated, returned-to-normal (unack-rtn); cutoff: activated, returned-to-normal (latched)
    expect(store.getStats()).toMatchObject({ written: 4, queued: 0 });

    closeDatabase(db);
    db = openDatabase(dir);
    const again = wired('b');
    const loaded = again.store.loadAlarms();
    expect(loaded.map((a) => [a.conditionKey, a.state, a.latched, a.conditionActive])).toEqual([
      ['crane-1:moment:cutoff', 'unack-active', true, false],
      ['crane-1:moment:warning', 'unack-rtn', false, false],
    ]);
    again.engine.restore(loaded);
    const cutoff = loaded[0]!;
    expect(again.engine.acknowledge(cutoff.id, OPERATOR, 'load set down', T0 + 60_000).ok).toBe(true);
    expect(again.engine.reset(cutoff.id, SAFETY, 'rigging and limiter checked', T0 + 120_000).ok).toBe(true);
    again.store.flush();

    // Reset alarm is back to normal and leaves the current-state table.
    expect(again.store.loadAlarms().map((a) => a.conditionKey)).toEqual(['crane-1:moment:warning']);
    const trail = again.store.audit({ alarmId: cutoff.id }).reverse();
    expect(trail.map((r) => [r.type, r.actor, r.text])).toEqual([
      ['activated', 'system', null],
      ['returned-to-normal', 'system', 'condition cleared; latched until reset'],
      ['acknowledged', 'li.wei', 'load set down'],
      ['reset', 'zhang.min', 'rigging and limiter checked'],
    ]);
    expect(trail[0]!.prevHash).toBe(GENESIS_HASH);
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 6, firstSeq: 1, headHash: again.store.headOfChain().hash });
  });

  it('continues the chain across reopen: the first new row links to the last old one', () => {
    const { store, engine } = wired();
    engine.evaluate([moment(112)], T0);
    store.flush();
    const head = store.headOfChain();
    closeDatabase(db);
    db = openDatabase(dir);
    const again = wired('b');
    again.engine.restore(again.store.loadAlarms());
    again.engine.evaluate([moment(60)], T0 + 1_000);
    again.store.flush();
    const [newest] = again.store.audit({ limit: 1 });
    expect(newest).toMatchObject({ seq: head.seq + 1, prevHash: head.hash });
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it('refuses UPDATE and DELETE on the audit table', () => {
    const { store, engine } = wired();
    engine.evaluate([moment(112)], T0);
    store.flush();
    expect(() => db.prepare("UPDATE alarm_audit SET actor = 'someone-else' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM alarm_audit WHERE seq = 1').run()).toThrow(/append-only/);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: 1 });
  });

  it('reports the first tampered row when the trigger is dropped and a row edited', () => {
    const { store, engine } = wired();
    engine.evaluate([moment(112)], T0);
    engine.evaluate([moment(60)], T0 + 1_000);
    engine.acknowledge('a1', OPERATOR, 'load set down', T0 + 2_000);
    engine.reset('a1', SAFETY, 'checked', T0 + 3_000);
    store.flush();
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: 4 });

    db.exec('DROP TRIGGER alarm_audit_no_update');
    db.prepare("UPDATE alarm_audit SET actor = 'zhang.min' WHERE seq = 3").run();
    const result = verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, brokenSeq: 3, rows: 2 });
    if (!result.ok) expect(result.reason).toMatch(/changed/);
  });

  it('reports a deleted row as a gap', () => {
    const { store, engine } = wired();
    engine.evaluate([moment(112)], T0);
    engine.evaluate([moment(60)], T0 + 1_000);
    engine.acknowledge('a1', OPERATOR, 'x', T0 + 2_000);
    store.flush();
    db.exec('DROP TRIGGER alarm_audit_no_delete');
    db.prepare('DELETE FROM alarm_audit WHERE seq = 2').run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 3 });
  });

  it('a re-hashed forgery breaks the link to the next row', () => {
    const { store, engine } = wired();
    engine.evaluate([moment(112)], T0);
    engine.evaluate([moment(60)], T0 + 1_000);
    store.flush();
    db.exec('DROP TRIGGER alarm_audit_no_update');
    // A forger who recomputes row 1's hash still has to rewrite every later row.
    db.prepare("UPDATE alarm_audit SET hash = 'f' || substr(hash, 2) WHERE seq = 1").run();
    const r = verifyAuditChain(db);
    expect(r).toMatchObject({ ok: false, brokenSeq: 1 });
  });

  it('batches in order: one transaction per flush, sequence without gaps', () => {
    const store = new AlarmStore(db, { keys, autoFlush: false, batchSize: 3 });
    const engine = new AlarmEngine({ newId: counterIds('a'), onEvent: (e) => store.enqueue(e) });
    const evs = Array.from({ length: 5 }, (_, i) => ({ ...moment(112), conditionKey: `crane-${i}:moment:cutoff`, sourceDevice: `crane-${i}` }));
    engine.evaluate(evs, T0); // 5 events; batch of 3 written on reaching the size, 2 wait
    expect(store.getStats()).toMatchObject({ written: 3, queued: 2 });
    store.flush();
    const seqs = db.prepare('SELECT seq, condition_key FROM alarm_audit ORDER BY seq').all() as Array<{ seq: number; condition_key: string }>;
    expect(seqs).toEqual(evs.map((e, i) => ({ seq: i + 1, condition_key: e.conditionKey })));
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: 5 });
  });

  it('auto-flushes all events of one engine call in a microtask', async () => {
    const store = new AlarmStore(db, { keys });
    const engine = new AlarmEngine({ newId: counterIds('a'), onEvent: (e) => store.enqueue(e) });
    engine.evaluate([moment(112), moment(112, 'warning')], T0);
    expect(store.getStats().written).toBe(0);
    await Promise.resolve();
    expect(store.getStats()).toMatchObject({ written: 2, queued: 0 });
  });
});
