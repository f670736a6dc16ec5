import { afterEach, describe, expect, it } from 'vitest';
import type { ConditionEvaluation } from '../../../electron/common/alarms.js';
import { GATE_LATE_LIMIT_MS } from '../../../electron/common/api/gates.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { GatePassages } from '../../../electron/core/workforce/gate-passages.js';
import { personByCredential } from '../../../electron/core/workforce/gate-person.js';
import { GateProcessor, type GatePassageInput } from '../../../electron/core/workforce/gate-processor.js';
import { Headcount } from '../../../electron/core/workforce/headcount.js';
import { HeadcountDirectory } from '../../../electron/core/workforce/headcount-directory.js';
import type { WorkforceStore } from '../../../electron/core/workforce/workforce-store.js';
import { openTestWorkforce, seedWorkforce } from '../../helpers/workforce-fixtures.js';
import { removeTempDirs } from '../../helpers/temp-dir.js';

const T0 = Date.parse('2026-12-07T07:30:00+08:00');

function rig(options: { seed?: boolean; induction?: boolean } = {}) {
  const { store, db } = openTestWorkforce();
  let now = T0;
  const seeded = options.seed === false ? null : seedWorkforce(store, { count: 3, induction: options.induction ?? true });
  const raised: { ev: ConditionEvaluation; event: boolean }[] = [];
  const passages = new GatePassages(db);
  const headcount = new Headcount((ids) => new HeadcountDirectory(db, () => now).detailsOf(ids), () => undefined, () => now);
  const processor = new GateProcessor({
    store,
    passages,
    headcount,
    gates: () => new Map([['gate-1', { id: 'gate-1', name: 'Main gate', zone: 'East' }]]),
    raise: (ev, o) => raised.push({ ev, event: o.event === true }),
    log: createLogger({ consoleLevel: 'error' }),
    now: () => now,
  });
  const pass = (card: string, direction: 'in' | 'out', at: number, eventId = `${card}-${direction}-${at}`, extra: Partial<GatePassageInput> = {}) =>
    processor.process({ gateId: 'gate-1', eventKey: `gate-1:${eventId}`, at, direction, credentialKind: 'card', credentialValue: card, worker: personByCredential(store, 'card', card), via: 'http', ...extra });
  return { store, db, seeded, raised, passages, headcount, processor, pass, setNow: (t: number) => (now = t) };
}

afterEach(() => removeTempDirs());

describe('gate processor', () => {
  it('admits a registered worker with induction and counts them; out lets them leave', () => {
    const r = rig();
    const a = r.pass('C1', 'in', T0);
    expect(a).toMatchObject({ open: true, outcome: 'admitted', worker: { name: '工人1' }, duplicate: false });
    expect(r.headcount.total).toBe(1);
    r.setNow(T0 + 3600_000);
    expect(r.pass('C1', 'out', T0 + 3600_000)).toMatchObject({ open: true, outcome: 'left' });
    expect(r.headcount.total).toBe(0);
    expect(r.raised).toEqual([]);
  });

  it('answers a resent event (same key) and a repeated swipe within 5 s as before, storing nothing', () => {
    const r = rig();
    const first = r.pass('C1', 'in', T0, 'e1');
    const resend = r.pass('C1', 'in', T0, 'e1');
    expect(resend).toMatchObject({ open: true, outcome: 'admitted', duplicate: true, passageId: first.passageId });
    const swipe = r.pass('C1', 'in', T0 + 3000, 'e2');
    expect(swipe).toMatchObject({ duplicate: true, passageId: first.passageId });
    const rows = r.db.prepare('SELECT COUNT(*) AS n FROM wf_passages').get() as { n: number };
    expect(rows.n).toBe(1);
    expect(r.processor.stats.duplicates).toBe(2);
    // Six seconds later it is a new passage (and a same-direction one: still one person inside).
    expect(r.pass('C1', 'in', T0 + 6000, 'e3').duplicate).toBe(false);
    expect(r.headcount.total).toBe(1);
  });

  it('places out-of-order events by their own time: an old "in" after the "out" leaves the worker outside', () => {
    const r = rig();
    r.setNow(T0 + 10 * 3600_000);
    r.pass('C2', 'out', T0 + 9 * 3600_000);
    const late = r.pass('C2', 'in', T0);
    expect(late).toMatchObject({ open: true, outcome: 'admitted' });
    expect(r.headcount.total).toBe(0);
    // Both are stored and counted for attendance.
    const counted = r.db.prepare('SELECT direction FROM wf_passages WHERE counted = 1 ORDER BY at').all();
    expect(counted).toEqual([{ direction: 'in' }, { direction: 'out' }]);
  });

  it('stores an event more than 72 h old as too-late, counted nowhere, with a clear reason', () => {
    const r = rig();
    r.setNow(T0 + GATE_LATE_LIMIT_MS + 3600_000);
    const a = r.pass('C1', 'in', T0);
    expect(a).toMatchObject({ open: false, outcome: 'too-late' });
    expect(a.reason.en).toMatch(/more than 72 h old/);
    expect(a.reason.zh).toMatch(/72小时/);
    expect(r.headcount.total).toBe(0);
    expect(r.db.prepare('SELECT outcome, counted FROM wf_passages').get()).toEqual({ outcome: 'too-late', counted: 0 });
    expect(r.processor.stats.tooLate).toBe(1);
    // Within the limit it counts.
    expect(r.pass('C2', 'in', T0 + 2 * 3600_000).outcome).toBe('admitted');
  });

  it('refuses events from a gate the site file lacks, and from a clock far ahead, counting them', () => {
    const r = rig();
    const unknown = r.processor.process({ gateId: 'gate-x', eventKey: 'gate-x:1', at: T0, direction: 'in', credentialKind: 'card', credentialValue: 'C1', worker: null, via: 'http' });
    expect(unknown).toMatchObject({ open: false, outcome: 'unknown-gate', passageId: null });
    expect(unknown.reason.en).toMatch(/gate-x.*not in the site file/);
    expect(r.pass('C1', 'in', T0 + 3600_000).outcome).toBe('clock-ahead');
    expect(r.processor.stats).toMatchObject({ unknownGate: 1, clockAhead: 1, processed: 0 });
  });

  it('keeps an unknown card out with a medium event-alarm carrying the photo; exits always open', () => {
    const r = rig();
    const a = r.pass('NOPE-1', 'in', T0, 'u1', { photoFile: 'gate-1-20261206T233000000Z-0a0b0c0d.jpg' });
    expect(a).toMatchObject({ open: false, outcome: 'unknown', worker: null });
    expect(r.raised).toHaveLength(1);
    expect(r.raised[0]!.event).toBe(true);
    expect(r.raised[0]!.ev).toMatchObject({ priority: 'medium', sourceDevice: 'gate-1', photo: '/api/media/captures/gate-1-20261206T233000000Z-0a0b0c0d.jpg', text: { key: 'gate.unknown' } });
    expect(r.raised[0]!.ev.conditionKey).not.toContain('NOPE-1');
    expect(r.pass('NOPE-1', 'out', T0 + 60_000, 'u2')).toMatchObject({ open: true, outcome: 'unknown' });
    expect(r.headcount.total).toBe(0);
  });

  it('keeps a blacklisted worker out (high alarm), an exited worker out (medium), one without induction out (low)', () => {
    const r = rig();
    const [w1, w2] = r.seeded!.workers;
    r.store.addToBlacklist({ idHash: r.store.worker(w1!)!.idHash, workerId: w1!, reason: '伪造证件', by: 'labour1' });
    r.store.exit(w2!, '2026-12-01');
    expect(r.pass('C1', 'in', T0)).toMatchObject({ open: false, outcome: 'blacklisted' });
    expect(r.pass('C2', 'in', T0)).toMatchObject({ open: false, outcome: 'exited-worker' });
    expect(r.raised.map((x) => [x.ev.priority, x.ev.text?.key])).toEqual([
      ['high', 'gate.blacklisted'],
      ['medium', 'gate.exitedWorker'],
    ]);
    const noInduction = rig({ induction: false });
    const a = noInduction.pass('C3', 'in', T0);
    expect(a).toMatchObject({ open: false, outcome: 'no-induction' });
    expect(a.reason.zh).toMatch(/三级安全教育/);
    expect(noInduction.raised[0]!.ev).toMatchObject({ priority: 'low', text: { key: 'gate.noInduction' } });
    expect(r.headcount.total + noInduction.headcount.total).toBe(0);
  });

  it('with an empty registry counts people by the id the gate reports, as before the registry', () => {
    const r = rig({ seed: false });
    expect(r.pass('W0001', 'in', T0)).toMatchObject({ open: true, outcome: 'admitted', worker: null });
    r.pass('W0002', 'in', T0 + 10_000);
    r.pass('W0001', 'out', T0 + 20_000);
    expect(r.headcount.total).toBe(1);
    expect(r.headcount.view()).toMatchObject({ total: 1, unregistered: 1 });
    expect(r.raised).toEqual([]);
  });

  it('rebuilds the same headcount from the stored passages', () => {
    const r = rig();
    r.setNow(T0 + 8 * 3600_000);
    r.pass('C1', 'in', T0);
    r.pass('C2', 'in', T0 + 1000);
    r.pass('C2', 'out', T0 + 7200_000);
    const again = new Headcount((ids) => new HeadcountDirectory(r.db).detailsOf(ids), () => undefined, () => T0 + 8 * 3600_000);
    again.rebuild(r.passages.countedSince(T0 - 3600_000, () => 'East'));
    expect(again.total).toBe(1);
    expect(again.isInside(r.seeded!.workers[0]!)).toBe(true);
  });
});

export type { WorkforceStore };
