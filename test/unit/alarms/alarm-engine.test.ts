import { describe, expect, it } from 'vitest';
import { AlarmEngine } from '../../../electron/core/alarms/alarm-engine.js';
import type { AlarmEvent } from '../../../electron/core/alarms/alarm-types.js';
import { MANAGER, OPERATOR, SAFETY, T0, VIEWER, counterIds, evaluation } from './helpers.js';

function engine(options: ConstructorParameters<typeof AlarmEngine>[0] = {}) {
  const events: AlarmEvent[] = [];
  const e = new AlarmEngine({ newId: counterIds(), onEvent: (ev) => events.push(ev), ...options });
  return { e, events, types: () => events.map((ev) => ev.type) };
}

describe('anti-chatter: deadband and on/off delays', () => {
  it('a value oscillating around the limit raises one alarm, not one per crossing', () => {
    const { e, types } = engine();
    // limit 100, deadband 5, on-delay 2 s, off-delay 5 s; a reading every second.
    const values = [99, 101, 99, 101, 102, 103, 99, 101, 98, 101, 99, 100, 99];
    values.forEach((v, i) => e.evaluate([evaluation(v, { deadband: 5, onDelayMs: 2_000, offDelayMs: 5_000 })], T0 + i * 1_000));
    // 101 at t=4, 102 at t=5, 103 at t=6 s: beyond for 2 s → one activation. 99/98 stay above
    // 95 (limit − deadband), so nothing clears.
    expect(types()).toEqual(['activated']);
    expect(e.annunciated()).toHaveLength(1);
  });

  it('without the filter the same oscillation would activate on every crossing', () => {
    const { e, types } = engine();
    [99, 101, 99, 101, 99, 101].forEach((v, i) => e.evaluate([evaluation(v)], T0 + i * 1_000));
    expect(types()).toEqual(['activated', 'returned-to-normal', 'activated', 'returned-to-normal', 'activated']);
  });

  it('activates only after the value stays beyond the limit for onDelayMs', () => {
    const { e, types } = engine();
    const ev = (v: number) => evaluation(v, { onDelayMs: 3_000 });
    e.evaluate([ev(101)], T0);
    e.evaluate([ev(101)], T0 + 2_999);
    expect(types()).toEqual([]);
    e.evaluate([ev(101)], T0 + 3_000);
    expect(types()).toEqual(['activated']);
  });

  it('clears only after the value stays inside limit − deadband for offDelayMs', () => {
    const { e, types } = engine();
    const ev = (v: number) => evaluation(v, { deadband: 5, offDelayMs: 4_000 });
    e.evaluate([ev(110)], T0);
    e.evaluate([ev(96)], T0 + 1_000); // inside the limit but not the deadband: holds
    e.evaluate([ev(94)], T0 + 2_000); // off-delay starts
    e.evaluate([ev(94)], T0 + 5_999);
    expect(types()).toEqual(['activated']);
    e.evaluate([ev(94)], T0 + 6_000);
    expect(types()).toEqual(['activated', 'returned-to-normal']);
  });

  it('tick completes an on-delay when no new reading arrives', () => {
    const { e, types } = engine();
    e.evaluate([evaluation(120, { onDelayMs: 10_000 })], T0);
    e.tick(T0 + 9_000);
    expect(types()).toEqual([]);
    e.tick(T0 + 10_000);
    expect(types()).toEqual(['activated']);
  });
});

describe('operator actions and roles', () => {
  it('acknowledges by occurrence id and refuses a stale id after re-activation', () => {
    const { e } = engine();
    e.evaluate([evaluation(110)], T0);
    e.evaluate([evaluation(50)], T0 + 1_000); // unack-rtn
    e.evaluate([evaluation(110)], T0 + 2_000); // new occurrence a2
    expect(e.acknowledge('a1', OPERATOR, undefined, T0 + 3_000)).toMatchObject({ ok: false, code: 'stale-occurrence' });
    expect(e.acknowledge('nope', OPERATOR, undefined, T0 + 3_000)).toMatchObject({ ok: false, code: 'not-found' });
    const r = e.acknowledge('a2', OPERATOR, undefined, T0 + 3_000);
    expect(r.ok && r.value.state).toBe('ack-active');
  });

  it('returns forbidden for roles without the permission, and changes nothing', () => {
    const { e, events } = engine();
    e.evaluate([evaluation(110, { latched: true, priority: 'critical' })], T0);
    expect(e.acknowledge('a1', VIEWER, 'x', T0)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(e.acknowledge('a1', MANAGER, 'x', T0)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(e.shelve('crane-1:load:overload', OPERATOR, 'noisy', T0 + 60_000, T0)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(e.addComment('a1', VIEWER, 'hello', T0)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(e.addComment('a1', MANAGER, 'noted', T0).ok).toBe(true);
    e.evaluate([evaluation(50, { latched: true, priority: 'critical' })], T0 + 1_000);
    expect(e.acknowledge('a1', OPERATOR, 'seen', T0 + 2_000).ok).toBe(true);
    const refused = e.reset('a1', OPERATOR, undefined, T0 + 3_000);
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    if (!refused.ok) expect(refused.message).toMatch(/safety, admin/);
    expect(e.reset('a1', SAFETY, 'inspected', T0 + 4_000).ok).toBe(true);
    expect(events.map((x) => x.type)).toEqual(['activated', 'commented', 'returned-to-normal', 'acknowledged', 'reset']);
    expect(events.find((x) => x.type === 'reset')?.actor).toEqual(SAFETY);
  });

  it('latched alarm survives the value returning to normal in the engine too', () => {
    const { e } = engine();
    e.evaluate([evaluation(115, { latched: true, priority: 'critical' })], T0);
    e.evaluate([evaluation(40, { latched: true, priority: 'critical' })], T0 + 60_000);
    expect(e.annunciated().map((a) => [a.state, a.conditionActive, a.latched])).toEqual([['unack-active', false, true]]);
  });

  it('bulk acknowledge: one comment, each alarm judged on its own', () => {
    const { e, events } = engine();
    e.evaluate(
      [
        evaluation(110, { key: 'c1:a', priority: 'high' }),
        evaluation(110, { key: 'c1:b', priority: 'low' }),
        evaluation(110, { key: 'c1:c', priority: 'critical' }),
      ],
      T0,
    );
    const without = e.acknowledgeMany(['a1', 'a2', 'a3', 'a9'], OPERATOR, undefined, T0 + 1_000);
    expect(without.acknowledged.map((a) => a.conditionKey)).toEqual(['c1:b']);
    expect(without.refused.map((r) => [r.alarmId, r.error.code])).toEqual([
      ['a1', 'comment-required'],
      ['a3', 'comment-required'],
      ['a9', 'not-found'],
    ]);
    const withComment = e.acknowledgeMany(['a1', 'a3'], OPERATOR, 'crane stopped, supervisor called', T0 + 2_000);
    expect(withComment.acknowledged).toHaveLength(2);
    const acks = events.filter((x) => x.type === 'acknowledged');
    expect(acks.map((x) => [x.alarmId, x.text])).toEqual([
      ['a2', null],
      ['a1', 'crane stopped, supervisor called'],
      ['a3', 'crane stopped, supervisor called'],
    ]);
  });
});

describe('shelving, suppression, escalation', () => {
  it('a shelved alarm is hidden and auto-unshelves at expiry on tick', () => {
    const { e, types } = engine();
    e.evaluate([evaluation(110)], T0);
    expect(e.shelve('crane-1:load:overload', SAFETY, 'load cell being replaced', T0 + 30 * 60_000, T0).ok).toBe(true);
    expect(e.annunciated()).toHaveLength(0);
    expect(e.alarms()).toHaveLength(1);
    e.tick(T0 + 30 * 60_000 - 1);
    expect(e.annunciated()).toHaveLength(0);
    e.tick(T0 + 30 * 60_000);
    expect(e.annunciated()).toHaveLength(1);
    expect(types()).toEqual(['activated', 'shelved', 'unshelved']);
  });

  it('the escalation clock starts when a shelved alarm is shown again, not at activation', () => {
    const { e, types } = engine({ escalateAfterMs: { medium: 15 * 60_000 } });
    e.evaluate([evaluation(110)], T0);
    e.shelve('crane-1:load:overload', SAFETY, 'crane being inspected', T0 + 30 * 60_000, T0);
    e.tick(T0 + 30 * 60_000); // unshelved, unacknowledged for 30 min but visible for 0
    e.tick(T0 + 45 * 60_000 - 1);
    expect(types()).toEqual(['activated', 'shelved', 'unshelved']);
    e.tick(T0 + 45 * 60_000);
    expect(types()).toEqual(['activated', 'shelved', 'unshelved', 'escalated']);
  });

  it('refuses a shelve longer than the maximum', () => {
    const { e } = engine({ maxShelveMs: 60 * 60_000 });
    e.evaluate([evaluation(110)], T0);
    expect(e.shelve('crane-1:load:overload', SAFETY, 'x', T0 + 61 * 60_000, T0)).toMatchObject({ ok: false, code: 'bad-request' });
  });

  it('suppression by design hides current and future alarms of the device', () => {
    const { e } = engine();
    e.evaluate([evaluation(110, { key: 'crane-1:wind:alarm' })], T0);
    e.suppressDevice('crane-1', 'crane marked out of service', T0 + 1);
    expect(e.annunciated()).toEqual([]);
    e.evaluate([evaluation(110, { key: 'crane-1:tilt' }), evaluation(110, { key: 'crane-2:tilt', device: 'crane-2' })], T0 + 2);
    expect(e.annunciated().map((a) => a.conditionKey)).toEqual(['crane-2:tilt']);
    e.unsuppressDevice('crane-1', T0 + 3);
    expect(e.annunciated().map((a) => a.conditionKey).sort()).toEqual(['crane-1:tilt', 'crane-1:wind:alarm', 'crane-2:tilt']);
  });

  it('escalates an alarm unacknowledged longer than its priority allows, once', () => {
    const { e, types } = engine({ escalateAfterMs: { high: 5 * 60_000 } });
    e.evaluate([evaluation(110, { priority: 'high' })], T0);
    e.tick(T0 + 5 * 60_000 - 1);
    expect(types()).toEqual(['activated']);
    e.tick(T0 + 5 * 60_000);
    e.tick(T0 + 6 * 60_000);
    expect(types()).toEqual(['activated', 'escalated']);
    expect(e.byAlarmId('a1')?.escalated).toBe(true);
  });

  it('does not escalate an acknowledged, a shelved, or a low alarm', () => {
    const { e, types } = engine({ escalateAfterMs: { medium: 1_000, low: null } });
    e.evaluate([evaluation(110, { key: 'k:acked' }), evaluation(110, { key: 'k:shelved' }), evaluation(110, { key: 'k:low', priority: 'low' })], T0);
    e.acknowledge('a1', OPERATOR, undefined, T0);
    e.shelve('k:shelved', SAFETY, 'nuisance', T0 + 3_600_000, T0);
    e.tick(T0 + 60_000);
    expect(types()).not.toContain('escalated');
  });
});

describe('KPIs (EEMUA 191)', () => {
  it('flags a flood at 11 activations in 10 minutes, not at 10', () => {
    const { e } = engine();
    for (let i = 0; i < 10; i++) e.evaluate([evaluation(110, { key: `k${i}` })], T0 + i * 50_000);
    expect(e.kpis(T0 + 9 * 50_000)).toMatchObject({ activationsInFloodWindow: 10, flood: false });
    e.evaluate([evaluation(110, { key: 'k10' })], T0 + 9 * 60_000);
    expect(e.kpis(T0 + 9 * 60_000)).toMatchObject({ activationsInFloodWindow: 11, flood: true });
    // Ten minutes after the first, it has left the window.
    expect(e.kpis(T0 + 10 * 60_000)).toMatchObject({ activationsInFloodWindow: 10, flood: false });
  });

  it('mean time to acknowledge over acknowledged alarms', () => {
    const { e } = engine();
    e.evaluate([evaluation(110, { key: 'k1' }), evaluation(110, { key: 'k2' }), evaluation(110, { key: 'k3' })], T0);
    e.acknowledge('a1', OPERATOR, undefined, T0 + 30_000);
    e.acknowledge('a2', OPERATOR, undefined, T0 + 90_000);
    // (30 s + 90 s) / 2 = 60 s; a3 is not acknowledged and does not count.
    expect(e.kpis(T0 + 100_000)).toMatchObject({ meanTimeToAckMs: 60_000, acknowledgements: 2 });
  });

  it('chattering, top ten, standing and per-10-minute counts', () => {
    const { e } = engine();
    // k-chatter activates 3 times within 50 s; k-slow 3 times over 3 minutes.
    for (const t of [0, 25_000, 50_000]) {
      e.evaluate([evaluation(110, { key: 'k-chatter' })], T0 + t);
      e.evaluate([evaluation(10, { key: 'k-chatter' })], T0 + t + 1_000);
    }
    for (const t of [0, 90_000, 180_000]) {
      e.evaluate([evaluation(110, { key: 'k-slow' })], T0 + t);
      e.evaluate([evaluation(10, { key: 'k-slow' })], T0 + t + 1_000);
    }
    e.evaluate([evaluation(110, { key: 'k-standing' })], T0);
    const early = e.kpis(T0 + 200_000);
    expect(early.chattering).toEqual(['k-chatter']);
    expect(early.topTen).toEqual([
      { conditionKey: 'k-chatter', count: 3 },
      { conditionKey: 'k-slow', count: 3 },
      { conditionKey: 'k-standing', count: 1 },
    ]);
    // Each listed condition comes with its device and text (a screen shows those, not the key).
    expect(Object.keys(early.about).sort()).toEqual(['k-chatter', 'k-slow', 'k-standing']);
    expect(early.about['k-chatter']).toEqual({ sourceDevice: 'crane-1', priority: 'medium', message: 'value 110' });
    // T0 is on a 10-minute boundary: all seven activations fall in the first window.
    expect(early.perTenMinutes).toEqual([{ start: T0, count: 7 }]);
    expect(early.standing).toEqual([]);
    // A day later: k-standing is standing; the activations have left the 24 h horizon.
    const late = e.kpis(T0 + 24 * 3_600_000 + 200_000);
    expect(late.standing.map((s) => s.conditionKey)).toEqual(['k-standing']);
    expect(late.topTen).toEqual([]);
    // Descriptions go with the activations, except for what is still listed (the standing alarm).
    expect(Object.keys(late.about)).toEqual(['k-standing']);
  });

  it('does not count activations of shelved alarms', () => {
    const { e } = engine();
    e.evaluate([evaluation(110)], T0);
    e.shelve('crane-1:load:overload', SAFETY, 'x', T0 + 3_600_000, T0);
    e.evaluate([evaluation(10)], T0 + 1_000);
    e.acknowledge('a1', OPERATOR, undefined, T0 + 1_000);
    e.evaluate([evaluation(110)], T0 + 2_000);
    expect(e.kpis(T0 + 3_000).activationsInFloodWindow).toBe(1);
  });
});

describe('restore', () => {
  it('keeps an unacknowledged latched alarm across an engine restart and lets it be reset', () => {
    const first = engine();
    first.e.evaluate([evaluation(115, { latched: true, priority: 'critical' })], T0);
    const saved = first.e.alarms();
    const second = engine();
    second.e.restore(saved);
    second.e.evaluate([evaluation(40, { latched: true, priority: 'critical' })], T0 + 10_000);
    expect(second.types()).toEqual(['returned-to-normal']);
    expect(second.e.acknowledge('a1', OPERATOR, 'seen after restart', T0 + 11_000).ok).toBe(true);
    expect(second.e.reset('a1', SAFETY, 'ok', T0 + 12_000).ok).toBe(true);
    expect(second.e.annunciated()).toEqual([]);
  });
});
