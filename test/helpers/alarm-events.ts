import type { Alarm, AlarmEvent, AlarmEventType, AlarmPriority, AlarmState } from '../../electron/common/alarms.js';

/** One occurrence's events written as the alarm service writes them (for statistics fixtures). */
export interface ScriptedAlarm {
  id: string;
  conditionKey: string;
  sourceDevice: string;
  priority: AlarmPriority;
  raisedAt: number;
  value?: number;
  ackedAt?: number;
  ackedBy?: string;
  clearedAt?: number;
}

const STATE_AFTER: Partial<Record<AlarmEventType, AlarmState>> = { activated: 'unack-active', acknowledged: 'ack-active', 'returned-to-normal': 'normal' };

function eventOf(a: ScriptedAlarm, type: AlarmEventType, at: number, user: string): AlarmEvent {
  const alarm: Alarm = {
    id: a.id,
    conditionKey: a.conditionKey,
    sourceDevice: a.sourceDevice,
    priority: a.priority,
    message: `${a.conditionKey} scripted`,
    value: a.value ?? null,
    peakValue: a.value ?? null,
    limit: null,
    unit: '',
    state: STATE_AFTER[type] ?? 'normal',
    conditionActive: type === 'activated',
    latched: false,
    activatedAt: a.raisedAt,
    ackedAt: a.ackedAt ?? null,
    ackedBy: a.ackedBy ?? null,
    rtnAt: null,
    resetAt: null,
    resetBy: null,
    escalated: false,
    escalatedAt: null,
    shelved: null,
    suppressed: null,
    outOfService: null,
    comments: [],
  };
  return {
    type,
    at,
    alarmId: a.id,
    conditionKey: a.conditionKey,
    sourceDevice: a.sourceDevice,
    priority: a.priority,
    actor: user === 'system' ? { user: 'system', role: 'system' } : { user, role: 'safety' },
    text: type === 'acknowledged' ? 'scripted acknowledgement' : null,
    alarm,
  };
}

/** The audit events of a scripted occurrence, in time order (activated, acknowledged, returned-to-normal). */
export function alarmEventsOf(a: ScriptedAlarm): AlarmEvent[] {
  const events = [eventOf(a, 'activated', a.raisedAt, 'system')];
  if (a.ackedAt !== undefined) events.push(eventOf(a, 'acknowledged', a.ackedAt, a.ackedBy ?? 'safety1'));
  if (a.clearedAt !== undefined) events.push(eventOf(a, 'returned-to-normal', a.clearedAt, 'system'));
  return events.sort((x, y) => x.at - y.at);
}
