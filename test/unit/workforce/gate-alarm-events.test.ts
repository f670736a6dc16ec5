import { describe, expect, it } from 'vitest';
import type { ConditionEvaluation } from '../../../electron/common/alarms.js';
import { AlarmEngine } from '../../../electron/core/alarms/alarm-engine.js';
import { flagCondition } from '../../../electron/core/alarms/rules/condition.js';

// What AlarmService.raiseCondition({ event: true }) feeds the engine: active then back to normal
// at the same instant, so the occurrence waits in unack-rtn with its own photo.
function eventPair(photo?: string): ConditionEvaluation[] {
  const ev = flagCondition({ conditionKey: 'gate-1:gate:unknown:u1', sourceDevice: 'gate-1', priority: 'medium', message: 'Unregistered card', active: true, onDelayMs: 0, offDelayMs: 0 });
  return [{ ...ev, ...(photo ? { photo } : {}) }, { ...ev, beyond: false, clearable: true }];
}

describe('event-like workforce alarms', () => {
  it('activate and return to normal, keeping the occurrence for an acknowledgement with its photo', () => {
    let n = 0;
    const engine = new AlarmEngine({ newId: () => `a${++n}` });
    const events = engine.evaluate(eventPair('/api/media/captures/x.jpg'), 1000);
    expect(events.map((e) => e.type)).toEqual(['activated', 'returned-to-normal']);
    const alarm = engine.byConditionKey('gate-1:gate:unknown:u1')!;
    expect(alarm).toMatchObject({ state: 'unack-rtn', photo: '/api/media/captures/x.jpg', id: 'a1' });
    // The same card again: a new occurrence, with its own capture or none.
    engine.evaluate(eventPair(), 2000);
    const again = engine.byConditionKey('gate-1:gate:unknown:u1')!;
    expect(again.id).toBe('a2');
    expect(again.photo).toBeUndefined();
    expect(engine.acknowledge('a2', { user: 'op', role: 'operator' }, undefined, 3000)).toMatchObject({ ok: true, value: { state: 'normal' } });
  });
});
