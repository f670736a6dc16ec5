import { describe, expect, it } from 'vitest';
import type { Alarm, AlarmEvent, AlarmPriority } from '../../../electron/common/alarms.js';
import {
  AlarmState,
  annunciatedSorted,
  audiblePriority,
  availableActions,
  bulkAckNeedsComment,
  countByPriority,
  filterAlarms,
  MAX_NORMAL_ALARMS_KEPT,
  newestUnacknowledged,
  reloadAlarms,
  stateWord,
} from '../../../renderer/src/state/alarm-state.js';

let seq = 0;
function alarm(over: Partial<Alarm> = {}): Alarm {
  seq++;
  return {
    id: `occ-${seq}`,
    conditionKey: `dev-${seq}:x`,
    sourceDevice: `dev-${seq}`,
    priority: 'medium',
    message: 'm',
    value: 1,
    peakValue: 1,
    limit: 1,
    unit: '%',
    state: 'unack-active',
    conditionActive: true,
    latched: false,
    activatedAt: 1000 + seq,
    ackedAt: null,
    ackedBy: null,
    rtnAt: null,
    resetAt: null,
    resetBy: null,
    escalated: false,
    escalatedAt: null,
    shelved: null,
    suppressed: null,
    outOfService: null,
    comments: [],
    ...over,
  };
}

function event(a: Alarm, type: AlarmEvent['type'] = 'activated'): AlarmEvent {
  return { type, at: a.activatedAt ?? 0, alarmId: a.id, conditionKey: a.conditionKey, sourceDevice: a.sourceDevice, priority: a.priority, actor: { user: 'system', role: 'system' }, text: null, alarm: a };
}

describe('alarm ordering and counts', () => {
  it('puts unacknowledged first, then priority, then newest', () => {
    const ackedCritical = alarm({ priority: 'critical', state: 'ack-active', activatedAt: 50 });
    const oldHigh = alarm({ priority: 'high', activatedAt: 10 });
    const newHigh = alarm({ priority: 'high', activatedAt: 20 });
    const low = alarm({ priority: 'low', activatedAt: 99 });
    const critical = alarm({ priority: 'critical', state: 'unack-rtn', conditionActive: false, activatedAt: 5 });
    const normal = alarm({ priority: 'critical', state: 'normal' });
    const shelved = alarm({ priority: 'critical', shelved: { by: 's', reason: 'r', at: 1, until: 2 } });
    const sorted = annunciatedSorted([low, ackedCritical, oldHigh, normal, critical, newHigh, shelved]);
    expect(sorted.map((a) => a.id)).toEqual([critical.id, newHigh.id, oldHigh.id, low.id, ackedCritical.id]);
  });

  it('counts annunciated alarms per priority only', () => {
    const list = [
      alarm({ priority: 'critical' }),
      alarm({ priority: 'critical', state: 'ack-active' }),
      alarm({ priority: 'high' }),
      alarm({ priority: 'low', state: 'normal' }),
      alarm({ priority: 'low', suppressed: { reason: 'x', at: 1 } }),
    ];
    expect(countByPriority(list)).toEqual({ critical: 2, high: 1, medium: 0, low: 0 });
  });

  it('finds the newest unacknowledged alarm and the horn priority', () => {
    const older = alarm({ priority: 'high', activatedAt: 100 });
    const newer = alarm({ priority: 'low', activatedAt: 200 });
    const acked = alarm({ priority: 'critical', state: 'ack-active', activatedAt: 300 });
    expect(newestUnacknowledged([older, newer, acked])?.id).toBe(newer.id);
    expect(newestUnacknowledged([acked])).toBeNull();
    expect(audiblePriority([older, newer, acked])).toBe('high');
    expect(audiblePriority([newer, acked])).toBeNull();
    expect(audiblePriority([older, alarm({ priority: 'critical', state: 'unack-rtn' })])).toBe('critical');
  });
});

describe('state words', () => {
  it('says what the operator must do', () => {
    expect(stateWord(alarm({ state: 'unack-active' }))).toBe('unackActive');
    expect(stateWord(alarm({ state: 'ack-active' }))).toBe('ackActive');
    expect(stateWord(alarm({ state: 'unack-rtn', conditionActive: false }))).toBe('unackRtn');
    expect(stateWord(alarm({ state: 'normal', conditionActive: false }))).toBe('normal');
    // Latched and clear: held until reset, whether acknowledged or not.
    expect(stateWord(alarm({ state: 'ack-active', latched: true, conditionActive: false }))).toBe('needsReset');
    expect(stateWord(alarm({ state: 'unack-rtn', latched: true, conditionActive: false }))).toBe('unackNeedsReset');
    // Latched but still beyond the limit: not resettable yet.
    expect(stateWord(alarm({ state: 'ack-active', latched: true, conditionActive: true }))).toBe('ackActive');
  });
});

describe('filters and actions', () => {
  it('filters by state, priority and device', () => {
    const a = alarm({ priority: 'high', sourceDevice: 'crane-1' });
    const b = alarm({ priority: 'high', sourceDevice: 'hoist-1', state: 'ack-active' });
    const c = alarm({ priority: 'low', sourceDevice: 'hoist-1', shelved: { by: 's', reason: 'r', at: 1, until: 2 } });
    const d = alarm({ priority: 'low', sourceDevice: 'hoist-1', state: 'normal' });
    const all = [a, b, c, d];
    expect(filterAlarms(all, { state: 'annunciated', priority: null, device: null }).map((x) => x.id)).toEqual([a.id, b.id]);
    expect(filterAlarms(all, { state: 'unacked', priority: null, device: null }).map((x) => x.id)).toEqual([a.id]);
    expect(filterAlarms(all, { state: 'shelved', priority: null, device: null }).map((x) => x.id)).toEqual([c.id]);
    expect(filterAlarms(all, { state: 'all', priority: 'low', device: 'hoist-1' }).map((x) => x.id).sort()).toEqual([c.id, d.id].sort());
    expect(filterAlarms(all, { state: 'all', priority: null, device: 'crane-1' }).map((x) => x.id)).toEqual([a.id]);
  });

  it('offers actions by role and state', () => {
    const latchedClear = alarm({ priority: 'critical', state: 'ack-active', latched: true, conditionActive: false });
    expect(availableActions(latchedClear, 'safety')).toEqual(['reset', 'shelve', 'comment']);
    expect(availableActions(latchedClear, 'operator')).toEqual(['comment']);
    expect(availableActions(alarm({ priority: 'critical' }), 'viewer')).toEqual([]);
    expect(availableActions(alarm({ priority: 'critical' }), 'operator')).toEqual(['acknowledge', 'comment']);
    expect(availableActions(alarm({ shelved: { by: 's', reason: 'r', at: 1, until: 2 } }), 'admin')).toContain('unshelve');
    expect(bulkAckNeedsComment([alarm({ priority: 'low' }), alarm({ priority: 'medium' })])).toBe(false);
    expect(bulkAckNeedsComment([alarm({ priority: 'low' }), alarm({ priority: 'high' as AlarmPriority })])).toBe(true);
  });
});

describe('AlarmState store', () => {
  it('applies events, replaces an older occurrence of the same point, and notifies', () => {
    const state = new AlarmState();
    let all = 0;
    let one = 0;
    state.subscribeAll(() => all++);
    const first = alarm({ conditionKey: 'crane-1:moment:cutoff', state: 'normal', activatedAt: 10 });
    state.load([first]);
    state.subscribeId(first.id, () => one++);
    const snapshot = state.all();
    expect(state.all()).toBe(snapshot); // stable until something changes
    const second = alarm({ conditionKey: 'crane-1:moment:cutoff', activatedAt: 20 });
    state.apply(event(second));
    expect(state.get(first.id)).toBeUndefined();
    expect(state.get(second.id)?.state).toBe('unack-active');
    expect(state.all()).not.toBe(snapshot);
    expect(state.all()).toHaveLength(1);
    expect(all).toBe(2);
    expect(one).toBe(1); // the old occurrence's subscribers hear that it went
    state.apply(event({ ...second, state: 'ack-active', ackedAt: 30, ackedBy: 'safety1' }, 'acknowledged'));
    expect(state.get(second.id)?.ackedBy).toBe('safety1');
    expect(state.lastEvent.get()?.type).toBe('acknowledged');
  });

  it('replays events that arrive while a reload is in flight', async () => {
    const state = new AlarmState();
    const stale = alarm({ conditionKey: 'hoist-1:people' });
    let release: (list: Alarm[]) => void = () => undefined;
    const reload = reloadAlarms(state, {
      listAlarms: () => new Promise((resolve) => (release = resolve)),
      getAlarmKpis: async () => ({ activationsInFloodWindow: 12, flood: true, perTenMinutes: [], standing: [], chattering: [], topTen: [], about: {}, meanTimeToAckMs: null, acknowledgements: 0 }),
    });
    const pushed = alarm({ conditionKey: 'crane-1:wind' });
    state.apply(event(pushed)); // pushed before the snapshot answer arrives
    release([stale]);
    await reload;
    expect(state.get(stale.id)).toBeDefined();
    expect(state.get(pushed.id)).toBeDefined();
    expect(state.isFlood()).toBe(true);
    expect(state.loadError.get()).toBeNull();
  });

  it('reports a failed load in words and keeps finished alarms bounded', async () => {
    const state = new AlarmState();
    await reloadAlarms(state, { listAlarms: () => Promise.reject(new Error('core down')), getAlarmKpis: () => Promise.reject(new Error('core down')) });
    expect(state.loadError.get()).toBe('core down');
    for (let i = 0; i < MAX_NORMAL_ALARMS_KEPT + 20; i++) state.apply(event(alarm({ state: 'normal', activatedAt: i })));
    expect(state.all().length).toBe(MAX_NORMAL_ALARMS_KEPT);
    state.apply(event(alarm({ state: 'unack-active', activatedAt: 0 })));
    expect(state.all().filter((a) => a.state !== 'normal')).toHaveLength(1);
  });
});
