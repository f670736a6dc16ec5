/**
 * Pure ISA-18.2 state transitions for one alarm point. Every function returns a new alarm (never
 * mutates its input) and the event that happened, or an `AlarmError` saying why the command does
 * not apply. Nothing here throws.
 *
 *   normal ──activate──▶ unack-active ──ack──▶ ack-active ──clear──▶ normal
 *                          │    ▲                  │ (latched: stays until reset)
 *                        clear  activate          reset (latched, condition gone)
 *                          ▼    │                  ▼
 *                        unack-rtn ──ack──▶ normal
 *
 * Latched (OPC UA Part 9): the occurrence holds its active state after the condition clears,
 * until acknowledged and then reset by an authorised person.
 */
import {
  type Alarm,
  type AlarmActor,
  type AlarmEvent,
  type AlarmEventType,
  type AlarmPriority,
  type AlarmResult,
  type ConditionEvaluation,
  SYSTEM_ACTOR,
  alarmError,
} from './alarm-types.js';

/** Comments kept on the in-memory alarm; older ones stay in the audit log. */
export const MAX_COMMENTS_KEPT = 50;

/** Priorities whose acknowledgement must say what was done (site policy; see defaults). */
export const COMMENT_REQUIRED_ON_ACK: readonly AlarmPriority[] = ['critical', 'high'];

export type AlarmCommand =
  | { type: 'activate'; evaluation: ConditionEvaluation; newId: string }
  | { type: 'clear'; value: number | null }
  | { type: 'update-value'; value: number | null }
  | { type: 'acknowledge'; actor: AlarmActor; comment?: string }
  | { type: 'reset'; actor: AlarmActor; comment?: string }
  | { type: 'shelve'; actor: AlarmActor; reason: string; until: number }
  | { type: 'unshelve'; actor: AlarmActor }
  | { type: 'suppress'; reason: string }
  | { type: 'unsuppress' }
  | { type: 'remove-from-service'; actor: AlarmActor; reason: string }
  | { type: 'return-to-service'; actor: AlarmActor }
  | { type: 'comment'; actor: AlarmActor; text: string }
  | { type: 'escalate' };

export interface Transition {
  alarm: Alarm;
  /** Null when the command changed data but nothing worth an event (a new value while active). */
  event: AlarmEvent | null;
}

/** A point that has never activated: state normal, no flags. */
export function createAlarmPoint(evaluation: Pick<ConditionEvaluation, 'conditionKey' | 'sourceDevice' | 'priority' | 'message' | 'limit' | 'unit' | 'text'>, id = ''): Alarm {
  return {
    id,
    conditionKey: evaluation.conditionKey,
    sourceDevice: evaluation.sourceDevice,
    priority: evaluation.priority,
    message: evaluation.message,
    ...(evaluation.text ? { text: evaluation.text } : {}),
    value: null,
    peakValue: null,
    limit: evaluation.limit,
    unit: evaluation.unit,
    state: 'normal',
    conditionActive: false,
    latched: false,
    activatedAt: null,
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
  };
}

export function applyCommand(alarm: Alarm, command: AlarmCommand, now: number): AlarmResult<Transition> {
  switch (command.type) {
    case 'activate':
      return activate(alarm, command.evaluation, command.newId, now);
    case 'clear':
      return clear(alarm, command.value, now);
    case 'update-value':
      return ok({ ...alarm, value: command.value, peakValue: peak(alarm.peakValue, command.value) }, null);
    case 'acknowledge':
      return acknowledge(alarm, command.actor, command.comment, now);
    case 'reset':
      return reset(alarm, command.actor, command.comment, now);
    case 'shelve':
      return shelve(alarm, command.actor, command.reason, command.until, now);
    case 'unshelve':
      if (!alarm.shelved) return alarmError('invalid-transition', `${alarm.conditionKey} is not shelved`);
      return ok({ ...alarm, shelved: null }, event('unshelved', alarm, { ...alarm, shelved: null }, command.actor, null, now));
    case 'suppress': {
      if (alarm.suppressed) return alarmError('invalid-transition', `${alarm.conditionKey} is already suppressed`);
      const next = { ...alarm, suppressed: { reason: command.reason, at: now } };
      return ok(next, event('suppressed', alarm, next, SYSTEM_ACTOR, command.reason, now));
    }
    case 'unsuppress': {
      if (!alarm.suppressed) return alarmError('invalid-transition', `${alarm.conditionKey} is not suppressed`);
      const next = { ...alarm, suppressed: null };
      return ok(next, event('unsuppressed', alarm, next, SYSTEM_ACTOR, null, now));
    }
    case 'remove-from-service': {
      if (alarm.outOfService) return alarmError('invalid-transition', `${alarm.conditionKey} is already out of service`);
      if (!command.reason.trim()) return alarmError('comment-required', 'say why the alarm is taken out of service');
      const next = { ...alarm, outOfService: { by: command.actor.user, reason: command.reason.trim(), at: now } };
      return ok(next, event('removed-from-service', alarm, next, command.actor, command.reason.trim(), now));
    }
    case 'return-to-service': {
      if (!alarm.outOfService) return alarmError('invalid-transition', `${alarm.conditionKey} is in service`);
      const next = { ...alarm, outOfService: null };
      return ok(next, event('returned-to-service', alarm, next, command.actor, null, now));
    }
    case 'comment': {
      const text = command.text.trim();
      if (!text) return alarmError('bad-request', 'a comment needs some text');
      const next = withComment(alarm, command.actor, text, now);
      return ok(next, event('commented', alarm, next, command.actor, text, now));
    }
    case 'escalate': {
      if (alarm.escalated) return alarmError('invalid-transition', `${alarm.conditionKey} is already escalated`);
      if (alarm.state !== 'unack-active') return alarmError('invalid-transition', `only an unacknowledged active alarm escalates (${alarm.conditionKey} is ${alarm.state})`);
      const next = { ...alarm, escalated: true, escalatedAt: now };
      return ok(next, event('escalated', alarm, next, SYSTEM_ACTOR, null, now));
    }
  }
}

function activate(alarm: Alarm, ev: ConditionEvaluation, newId: string, now: number): AlarmResult<Transition> {
  if (alarm.conditionActive) return alarmError('invalid-transition', `${alarm.conditionKey} is already active`);
  const base = { ...alarm, conditionActive: true, value: ev.value, limit: ev.limit, unit: ev.unit, message: ev.message, ...(ev.text ? { text: ev.text } : {}), priority: ev.priority };
  if (alarm.state === 'normal' || alarm.state === 'unack-rtn') {
    // From normal a new occurrence starts; from unack-rtn ISA-18.2 returns to unack-active and
    // we also start a new occurrence so that the earlier one's ack/rtn times are not overwritten.
    const next: Alarm = {
      ...base,
      id: newId,
      state: 'unack-active',
      latched: ev.latched,
      peakValue: ev.value,
      activatedAt: now,
      ackedAt: null,
      ackedBy: null,
      rtnAt: null,
      resetAt: null,
      resetBy: null,
      escalated: false,
      escalatedAt: null,
      comments: [],
    };
    // The picture belongs to the occurrence: a new one shows its own or none.
    if (ev.photo) next.photo = ev.photo;
    else delete next.photo;
    return ok(next, event('activated', alarm, next, SYSTEM_ACTOR, null, now));
  }
  // Latched occurrence still held (ack-active or unack-active with the condition gone): the
  // condition came back before the reset. Same occurrence, active again; no new annunciation.
  const next: Alarm = { ...base, peakValue: peak(alarm.peakValue, ev.value), latched: alarm.latched || ev.latched, rtnAt: null };
  return ok(next, null);
}

function clear(alarm: Alarm, value: number | null, now: number): AlarmResult<Transition> {
  if (!alarm.conditionActive) return alarmError('invalid-transition', `${alarm.conditionKey} is not active`);
  const base = { ...alarm, conditionActive: false, value, rtnAt: now };
  if (alarm.latched) {
    // The value is back, but the occurrence stays active until reset.
    return ok(base, event('returned-to-normal', alarm, base, SYSTEM_ACTOR, 'condition cleared; latched until reset', now));
  }
  const state = alarm.state === 'unack-active' ? 'unack-rtn' : 'normal';
  const next: Alarm = { ...base, state };
  return ok(next, event('returned-to-normal', alarm, next, SYSTEM_ACTOR, null, now));
}

function acknowledge(alarm: Alarm, actor: AlarmActor, comment: string | undefined, now: number): AlarmResult<Transition> {
  if (alarm.state !== 'unack-active' && alarm.state !== 'unack-rtn') {
    return alarmError('invalid-transition', `${alarm.conditionKey} is ${alarm.state}; only an unacknowledged alarm can be acknowledged`);
  }
  const text = comment?.trim() ?? '';
  if (!text && COMMENT_REQUIRED_ON_ACK.includes(alarm.priority)) {
    return alarmError('comment-required', `a ${alarm.priority} alarm needs a comment saying what was done when it is acknowledged`);
  }
  let state: Alarm['state'] = alarm.state === 'unack-active' ? 'ack-active' : 'normal';
  // A latched occurrence whose condition is gone stays held (ack-active) until reset.
  if (alarm.latched) state = 'ack-active';
  let next: Alarm = { ...alarm, state, ackedAt: now, ackedBy: actor.user };
  if (text) next = withComment(next, actor, text, now);
  return ok(next, event('acknowledged', alarm, next, actor, text || null, now));
}

function reset(alarm: Alarm, actor: AlarmActor, comment: string | undefined, now: number): AlarmResult<Transition> {
  if (!alarm.latched || alarm.state === 'normal') return alarmError('invalid-transition', `${alarm.conditionKey} is not latched; only latched alarms are reset`);
  if (alarm.conditionActive) return alarmError('invalid-transition', `${alarm.conditionKey} is still beyond its limit; it can be reset once the condition has cleared`);
  if (alarm.state !== 'ack-active') return alarmError('invalid-transition', `acknowledge ${alarm.conditionKey} before resetting it`);
  const text = comment?.trim() ?? '';
  let next: Alarm = { ...alarm, state: 'normal', latched: false, resetAt: now, resetBy: actor.user };
  if (text) next = withComment(next, actor, text, now);
  return ok(next, event('reset', alarm, next, actor, text || null, now));
}

function shelve(alarm: Alarm, actor: AlarmActor, reason: string, until: number, now: number): AlarmResult<Transition> {
  if (alarm.shelved) return alarmError('invalid-transition', `${alarm.conditionKey} is already shelved until ${new Date(alarm.shelved.until).toISOString()}`);
  if (!reason.trim()) return alarmError('comment-required', 'say why the alarm is shelved');
  if (!Number.isFinite(until) || until <= now) return alarmError('bad-request', 'a shelve needs an expiry in the future');
  const next = { ...alarm, shelved: { by: actor.user, reason: reason.trim(), at: now, until } };
  return ok(next, event('shelved', alarm, next, actor, reason.trim(), now));
}

function withComment(alarm: Alarm, actor: AlarmActor, text: string, now: number): Alarm {
  const comments = [...alarm.comments, { at: now, by: actor.user, text }];
  return { ...alarm, comments: comments.slice(-MAX_COMMENTS_KEPT) };
}

function peak(current: number | null, value: number | null): number | null {
  if (value === null) return current;
  return current === null ? value : Math.max(current, value);
}

function ok(alarm: Alarm, ev: AlarmEvent | null): AlarmResult<Transition> {
  return { ok: true, value: { alarm, event: ev } };
}

function event(type: AlarmEventType, before: Alarm, after: Alarm, actor: AlarmActor, text: string | null, now: number): AlarmEvent {
  return {
    type,
    at: now,
    // An activation names the new occurrence; everything else the one it acted on.
    alarmId: type === 'activated' ? after.id : before.id || after.id,
    conditionKey: after.conditionKey,
    sourceDevice: after.sourceDevice,
    priority: after.priority,
    actor,
    text,
    alarm: { ...after, comments: [...after.comments] },
  };
}
