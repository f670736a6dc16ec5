import { describe, expect, it } from 'vitest';
import { applyCommand, createAlarmPoint, type AlarmCommand } from '../../../electron/core/alarms/alarm-state-machine.js';
import type { Alarm } from '../../../electron/core/alarms/alarm-types.js';
import { OPERATOR, SAFETY, T0, evaluation } from './helpers.js';

function step(alarm: Alarm, command: AlarmCommand, now = T0): Alarm {
  const r = applyCommand(alarm, command, now);
  if (!r.ok) throw new Error(`unexpected refusal: ${r.code} ${r.message}`);
  return r.value.alarm;
}

function activated(opts: Parameters<typeof evaluation>[1] = {}): Alarm {
  const ev = evaluation(105, opts);
  return step(createAlarmPoint(ev), { type: 'activate', evaluation: ev, newId: 'a1' });
}

describe('ISA-18.2 state transitions', () => {
  it('normal → unack-active on activate, with a new occurrence id and activation time', () => {
    const ev = evaluation(105);
    const r = applyCommand(createAlarmPoint(ev), { type: 'activate', evaluation: ev, newId: 'a1' }, T0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.alarm).toMatchObject({ id: 'a1', state: 'unack-active', conditionActive: true, activatedAt: T0, value: 105 });
    expect(r.value.event?.type).toBe('activated');
    expect(r.value.event?.alarmId).toBe('a1');
  });

  it('unack-active → ack-active on acknowledge, recording who and when', () => {
    const a = step(activated(), { type: 'acknowledge', actor: OPERATOR }, T0 + 5_000);
    expect(a).toMatchObject({ state: 'ack-active', ackedBy: 'li.wei', ackedAt: T0 + 5_000 });
  });

  it('ack-active → normal when the condition clears', () => {
    const a = step(step(activated(), { type: 'acknowledge', actor: OPERATOR }), { type: 'clear', value: 80 }, T0 + 9_000);
    expect(a).toMatchObject({ state: 'normal', conditionActive: false, rtnAt: T0 + 9_000 });
  });

  it('unack-active → unack-rtn on clear, then → normal on acknowledge', () => {
    const rtn = step(activated(), { type: 'clear', value: 80 });
    expect(rtn.state).toBe('unack-rtn');
    expect(step(rtn, { type: 'acknowledge', actor: OPERATOR }).state).toBe('normal');
  });

  it('unack-rtn → unack-active when the condition returns, as a new occurrence', () => {
    const rtn = step(activated(), { type: 'clear', value: 80 });
    const again = step(rtn, { type: 'activate', evaluation: evaluation(101), newId: 'a2' }, T0 + 60_000);
    expect(again).toMatchObject({ id: 'a2', state: 'unack-active', activatedAt: T0 + 60_000, rtnAt: null });
  });

  it('refuses to acknowledge an acknowledged or normal alarm', () => {
    const acked = step(activated(), { type: 'acknowledge', actor: OPERATOR });
    const r = applyCommand(acked, { type: 'acknowledge', actor: OPERATOR }, T0);
    expect(r).toMatchObject({ ok: false, code: 'invalid-transition' });
    const normal = createAlarmPoint(evaluation(0));
    expect(applyCommand(normal, { type: 'acknowledge', actor: OPERATOR }, T0)).toMatchObject({ ok: false, code: 'invalid-transition' });
  });

  it('refuses to clear an alarm that is not active, without throwing', () => {
    expect(applyCommand(createAlarmPoint(evaluation(0)), { type: 'clear', value: 0 }, T0)).toMatchObject({ ok: false, code: 'invalid-transition' });
  });

  it.each(['critical', 'high'] as const)('refuses to acknowledge a %s alarm without a comment', (priority) => {
    const a = activated({ priority });
    expect(applyCommand(a, { type: 'acknowledge', actor: OPERATOR }, T0)).toMatchObject({ ok: false, code: 'comment-required' });
    expect(applyCommand(a, { type: 'acknowledge', actor: OPERATOR, comment: '   ' }, T0)).toMatchObject({ ok: false, code: 'comment-required' });
    const ok = step(a, { type: 'acknowledge', actor: OPERATOR, comment: 'load lowered, rigging checked' });
    expect(ok.state).toBe('ack-active');
    expect(ok.comments).toEqual([{ at: T0, by: 'li.wei', text: 'load lowered, rigging checked' }]);
  });

  it('acknowledges medium and low alarms without a comment', () => {
    expect(step(activated({ priority: 'medium' }), { type: 'acknowledge', actor: OPERATOR }).state).toBe('ack-active');
    expect(step(activated({ priority: 'low' }), { type: 'acknowledge', actor: OPERATOR }).state).toBe('ack-active');
  });
});

describe('latched alarms', () => {
  const latched = () => activated({ latched: true, priority: 'critical' });

  it('stays active after the condition clears, until acknowledged and reset', () => {
    const cleared = step(latched(), { type: 'clear', value: 50 }, T0 + 1_000);
    expect(cleared).toMatchObject({ state: 'unack-active', conditionActive: false, latched: true, rtnAt: T0 + 1_000 });
    const acked = step(cleared, { type: 'acknowledge', actor: OPERATOR, comment: 'cut-off seen' });
    expect(acked.state).toBe('ack-active');
    const reset = step(acked, { type: 'reset', actor: SAFETY, comment: 'rigging inspected' }, T0 + 5_000);
    expect(reset).toMatchObject({ state: 'normal', latched: false, resetBy: 'zhang.min', resetAt: T0 + 5_000 });
  });

  it('acknowledging a latched alarm whose condition cleared does not return it to normal', () => {
    const acked = step(step(latched(), { type: 'clear', value: 50 }), { type: 'acknowledge', actor: OPERATOR, comment: 'seen' });
    expect(acked.state).toBe('ack-active');
  });

  it('cannot be reset while the condition is still active', () => {
    const acked = step(latched(), { type: 'acknowledge', actor: OPERATOR, comment: 'seen' });
    expect(applyCommand(acked, { type: 'reset', actor: SAFETY }, T0)).toMatchObject({ ok: false, code: 'invalid-transition' });
  });

  it('cannot be reset before it is acknowledged', () => {
    const cleared = step(latched(), { type: 'clear', value: 50 });
    const r = applyCommand(cleared, { type: 'reset', actor: SAFETY }, T0);
    expect(r).toMatchObject({ ok: false, code: 'invalid-transition' });
    if (!r.ok) expect(r.message).toMatch(/acknowledge/);
  });

  it('refuses reset of an alarm that is not latched', () => {
    const acked = step(step(activated(), { type: 'acknowledge', actor: OPERATOR }), { type: 'clear', value: 50 });
    expect(applyCommand(acked, { type: 'reset', actor: SAFETY }, T0)).toMatchObject({ ok: false, code: 'invalid-transition' });
  });
});

describe('shelve, suppress, out of service, comment, escalate', () => {
  it('shelves with a reason and a future expiry, and unshelves', () => {
    const a = activated();
    expect(applyCommand(a, { type: 'shelve', actor: SAFETY, reason: '', until: T0 + 1 }, T0)).toMatchObject({ ok: false, code: 'comment-required' });
    expect(applyCommand(a, { type: 'shelve', actor: SAFETY, reason: 'sensor swap', until: T0 }, T0)).toMatchObject({ ok: false, code: 'bad-request' });
    const shelved = step(a, { type: 'shelve', actor: SAFETY, reason: 'sensor swap', until: T0 + 3_600_000 });
    expect(shelved.shelved).toEqual({ by: 'zhang.min', reason: 'sensor swap', at: T0, until: T0 + 3_600_000 });
    expect(applyCommand(shelved, { type: 'shelve', actor: SAFETY, reason: 'again', until: T0 + 5 }, T0)).toMatchObject({ ok: false, code: 'invalid-transition' });
    expect(step(shelved, { type: 'unshelve', actor: SAFETY }).shelved).toBeNull();
  });

  it('suppresses and unsuppresses once each', () => {
    const s = step(activated(), { type: 'suppress', reason: 'crane out of service' });
    expect(s.suppressed?.reason).toBe('crane out of service');
    expect(applyCommand(s, { type: 'suppress', reason: 'x' }, T0)).toMatchObject({ ok: false, code: 'invalid-transition' });
    expect(step(s, { type: 'unsuppress' }).suppressed).toBeNull();
  });

  it('takes an alarm out of service with a reason and back', () => {
    const o = step(activated(), { type: 'remove-from-service', actor: SAFETY, reason: 'anemometer replaced' });
    expect(o.outOfService).toEqual({ by: 'zhang.min', reason: 'anemometer replaced', at: T0 });
    expect(step(o, { type: 'return-to-service', actor: SAFETY }).outOfService).toBeNull();
  });

  it('adds comments and refuses empty ones', () => {
    const c = step(activated(), { type: 'comment', actor: OPERATOR, text: 'called the driver' });
    expect(c.comments.map((x) => x.text)).toEqual(['called the driver']);
    expect(applyCommand(c, { type: 'comment', actor: OPERATOR, text: ' ' }, T0)).toMatchObject({ ok: false, code: 'bad-request' });
  });

  it('escalates only an unacknowledged active alarm, once', () => {
    const e = step(activated(), { type: 'escalate' }, T0 + 1);
    expect(e).toMatchObject({ escalated: true, escalatedAt: T0 + 1 });
    expect(applyCommand(e, { type: 'escalate' }, T0)).toMatchObject({ ok: false, code: 'invalid-transition' });
    const acked = step(activated(), { type: 'acknowledge', actor: OPERATOR });
    expect(applyCommand(acked, { type: 'escalate' }, T0)).toMatchObject({ ok: false, code: 'invalid-transition' });
  });

  it('never mutates the alarm it is given', () => {
    const a = activated();
    const snapshot = JSON.stringify(a);
    step(a, { type: 'acknowledge', actor: OPERATOR });
    step(a, { type: 'comment', actor: OPERATOR, text: 'x' });
    expect(JSON.stringify(a)).toBe(snapshot);
  });
});
