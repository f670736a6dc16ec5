/**
 * The alarm engine: holds every alarm point, turns condition evaluations into ISA-18.2
 * transitions (through the anti-chatter filter), takes operators' actions with a role check,
 * escalates unacknowledged alarms and ends expired shelves on `tick`. Pure and clock-injected:
 * every method takes `now` (UTC epoch ms) and nothing here reads the clock or does I/O; events go
 * to `onEvent` (the store and the live hub subscribe there) and are also returned.
 */
import { randomUUID } from 'node:crypto';
import { applyCommand, createAlarmPoint, type AlarmCommand } from './alarm-state-machine.js';
import { AlarmKpiTracker, DEFAULT_KPI_OPTIONS, type AlarmKpiOptions, type AlarmKpis } from './alarm-kpis.js';
import {
  type Alarm,
  type AlarmActor,
  type AlarmError,
  type AlarmEvent,
  type AlarmPriority,
  type AlarmResult,
  type ConditionEvaluation,
  SYSTEM_ACTOR,
  alarmError,
  isAnnunciated,
} from './alarm-types.js';
import { filterStep, filterTick, type ChatterFilterState, type FilterOutput } from './chatter-filter.js';
import * as D from './defaults.js';
import { checkPermission, type AlarmAction } from './permissions.js';

export interface AlarmEngineOptions {
  /** Called once per event, in order. Must not throw (a throw is caught and reported via `onListenerError`). */
  onEvent?: (event: AlarmEvent) => void;
  onListenerError?: (error: unknown, event: AlarmEvent) => void;
  /** Unacknowledged longer than this (ms) escalates; null = never. Defaults in `defaults.ts`. */
  escalateAfterMs?: Partial<Record<AlarmPriority, number | null>>;
  /** Longest shelve allowed, ms. */
  maxShelveMs?: number;
  /** Occurrence ids; tests inject a counter. */
  newId?: () => string;
  kpi?: Partial<AlarmKpiOptions>;
}

interface AlarmPoint {
  alarm: Alarm;
  /** Null for a point restored from the store until its first evaluation. */
  filter: ChatterFilterState | null;
  /**
   * Since when the operator has seen it (annunciated): activation, or the end of a shelve,
   * suppression or out-of-service. Escalation counts from here, not from activation.
   */
  shownSince: number | null;
}

export interface BulkAckResult {
  acknowledged: Alarm[];
  refused: Array<{ alarmId: string; error: AlarmError }>;
}

/** Ids of earlier occurrences remembered to tell "stale" from "unknown" (bounded). */
const RETIRED_IDS_KEPT = 5_000;

export class AlarmEngine {
  private readonly points = new Map<string, AlarmPoint>();
  /** Current occurrence id → condition key. */
  private readonly byId = new Map<string, string>();
  private readonly retired = new Map<string, string>();
  private readonly suppressedDevices = new Map<string, string>();
  private readonly escalateAfter: Record<AlarmPriority, number | null>;
  private readonly maxShelveMs: number;
  private readonly newId: () => string;
  private readonly kpiTracker: AlarmKpiTracker;

  constructor(private readonly options: AlarmEngineOptions = {}) {
    this.escalateAfter = { ...D.ESCALATE_AFTER_MS, ...options.escalateAfterMs };
    this.maxShelveMs = options.maxShelveMs ?? D.MAX_SHELVE_MS;
    this.newId = options.newId ?? randomUUID;
    this.kpiTracker = new AlarmKpiTracker({ ...DEFAULT_KPI_OPTIONS, ...options.kpi });
  }

  // ── Process side ──────────────────────────────────────────────────────────────────────────

  /** Feeds evaluations taken at `now`. Returns the events they caused, in order. */
  evaluate(evaluations: readonly ConditionEvaluation[], now: number): AlarmEvent[] {
    const events: AlarmEvent[] = [];
    for (const ev of evaluations) {
      const point = this.pointFor(ev, now);
      const filter = point.filter ?? { active: point.alarm.conditionActive, pendingSince: null, last: ev };
      const step = filterStep(filter, ev, now);
      point.filter = step.state;
      if (step.output) this.applyFilterOutput(point, step.output, ev, now, events);
      else if (point.alarm.conditionActive) this.run(point, { type: 'update-value', value: ev.value }, now, events);
    }
    return this.emit(events);
  }

  /**
   * Time passing without readings: completes on/off delays, ends expired shelves, escalates
   * alarms left unacknowledged too long. Call about once a second.
   */
  tick(now: number): AlarmEvent[] {
    const events: AlarmEvent[] = [];
    for (const point of this.points.values()) {
      if (point.filter) {
        const step = filterTick(point.filter, now);
        point.filter = step.state;
        if (step.output) this.applyFilterOutput(point, step.output, step.state.last, now, events);
      }
      const shelved = point.alarm.shelved;
      if (shelved && now >= shelved.until) this.run(point, { type: 'unshelve', actor: SYSTEM_ACTOR }, now, events);
      const a = point.alarm;
      const after = this.escalateAfter[a.priority];
      const since = point.shownSince ?? a.activatedAt;
      if (after !== null && a.state === 'unack-active' && !a.escalated && isAnnunciated(a) && since !== null && now - since >= after) {
        this.run(point, { type: 'escalate' }, now, events);
      }
    }
    return this.emit(events);
  }

  /**
   * Suppression by design for a whole device (e.g. a crane marked out of service): its alarms,
   * current and future, are tracked but not annunciated until `unsuppressDevice`.
   */
  suppressDevice(deviceId: string, reason: string, now: number): AlarmEvent[] {
    this.suppressedDevices.set(deviceId, reason);
    const events: AlarmEvent[] = [];
    for (const point of this.points.values()) {
      if (point.alarm.sourceDevice === deviceId && !point.alarm.suppressed) this.run(point, { type: 'suppress', reason }, now, events);
    }
    return this.emit(events);
  }

  unsuppressDevice(deviceId: string, now: number): AlarmEvent[] {
    this.suppressedDevices.delete(deviceId);
    const events: AlarmEvent[] = [];
    for (const point of this.points.values()) {
      if (point.alarm.sourceDevice === deviceId && point.alarm.suppressed) this.run(point, { type: 'unsuppress' }, now, events);
    }
    return this.emit(events);
  }

  // ── Operator side (role-checked) ──────────────────────────────────────────────────────────

  /** Acknowledges one occurrence. Critical and high alarms need a comment. */
  acknowledge(alarmId: string, actor: AlarmActor, comment: string | undefined, now: number): AlarmResult<Alarm> {
    return this.act('acknowledge', alarmId, actor, now, { type: 'acknowledge', actor, ...(comment === undefined ? {} : { comment }) });
  }

  /** Acknowledges several occurrences with one comment; each is judged on its own. */
  acknowledgeMany(alarmIds: readonly string[], actor: AlarmActor, comment: string | undefined, now: number): BulkAckResult {
    const result: BulkAckResult = { acknowledged: [], refused: [] };
    for (const alarmId of alarmIds) {
      const r = this.acknowledge(alarmId, actor, comment, now);
      if (r.ok) result.acknowledged.push(r.value);
      else result.refused.push({ alarmId, error: r });
    }
    return result;
  }

  /** Releases a latched occurrence once its condition has cleared and it was acknowledged. */
  reset(alarmId: string, actor: AlarmActor, comment: string | undefined, now: number): AlarmResult<Alarm> {
    return this.act('reset', alarmId, actor, now, { type: 'reset', actor, ...(comment === undefined ? {} : { comment }) });
  }

  addComment(alarmId: string, actor: AlarmActor, text: string, now: number): AlarmResult<Alarm> {
    return this.act('comment', alarmId, actor, now, { type: 'comment', actor, text });
  }

  /** Shelves an alarm point until `until` (at most `maxShelveMs` ahead). */
  shelve(conditionKey: string, actor: AlarmActor, reason: string, until: number, now: number): AlarmResult<Alarm> {
    if (until - now > this.maxShelveMs) {
      return alarmError('bad-request', `a shelve may last at most ${Math.round(this.maxShelveMs / 60_000)} minutes`);
    }
    return this.actOnPoint('shelve', conditionKey, actor, now, { type: 'shelve', actor, reason, until });
  }

  unshelve(conditionKey: string, actor: AlarmActor, now: number): AlarmResult<Alarm> {
    return this.actOnPoint('unshelve', conditionKey, actor, now, { type: 'unshelve', actor });
  }

  removeFromService(conditionKey: string, actor: AlarmActor, reason: string, now: number): AlarmResult<Alarm> {
    return this.actOnPoint('remove-from-service', conditionKey, actor, now, { type: 'remove-from-service', actor, reason });
  }

  returnToService(conditionKey: string, actor: AlarmActor, now: number): AlarmResult<Alarm> {
    return this.actOnPoint('return-to-service', conditionKey, actor, now, { type: 'return-to-service', actor });
  }

  // ── Reading state ─────────────────────────────────────────────────────────────────────────

  /** Every alarm point not in a plain normal state: active, unacknowledged, latched, or flagged. */
  alarms(): Alarm[] {
    return [...this.points.values()].map((p) => p.alarm).filter((a) => a.state !== 'normal' || a.shelved || a.suppressed || a.outOfService).map(copy);
  }

  /** What the operator's alarm list shows: not normal, not shelved, suppressed or out of service. */
  annunciated(): Alarm[] {
    return [...this.points.values()].map((p) => p.alarm).filter(isAnnunciated).map(copy);
  }

  byAlarmId(alarmId: string): Alarm | null {
    const key = this.byId.get(alarmId);
    const point = key === undefined ? undefined : this.points.get(key);
    return point ? copy(point.alarm) : null;
  }

  byConditionKey(conditionKey: string): Alarm | null {
    const point = this.points.get(conditionKey);
    return point ? copy(point.alarm) : null;
  }

  kpis(now: number): AlarmKpis {
    return this.kpiTracker.compute(now, [...this.points.values()].map((p) => p.alarm));
  }

  /**
   * Loads alarms kept by the store at start-up, so latched and unacknowledged alarms survive a
   * restart. Their filters start from the stored condition; the next evaluation continues them.
   */
  restore(alarms: readonly Alarm[]): void {
    for (const alarm of alarms) {
      this.points.set(alarm.conditionKey, { alarm: copy(alarm), filter: null, shownSince: null });
      if (alarm.id) this.byId.set(alarm.id, alarm.conditionKey);
    }
  }

  // ── Internals ─────────────────────────────────────────────────────────────────────────────

  private pointFor(ev: ConditionEvaluation, now: number): AlarmPoint {
    let point = this.points.get(ev.conditionKey);
    if (!point) {
      const alarm = createAlarmPoint(ev);
      const reason = this.suppressedDevices.get(ev.sourceDevice);
      // Created already suppressed: the device was suppressed before this condition was first seen.
      point = { alarm: reason === undefined ? alarm : { ...alarm, suppressed: { reason, at: now } }, filter: null, shownSince: null };
      this.points.set(ev.conditionKey, point);
    }
    return point;
  }

  private applyFilterOutput(point: AlarmPoint, output: Exclude<FilterOutput, null>, ev: ConditionEvaluation, now: number, events: AlarmEvent[]): void {
    if (output === 'activate') {
      const oldId = point.alarm.id;
      const event = this.run(point, { type: 'activate', evaluation: ev, newId: this.newId() }, now, events);
      if (event?.type === 'activated') {
        if (oldId) {
          this.byId.delete(oldId);
          this.retire(oldId, point.alarm.conditionKey);
        }
        this.byId.set(point.alarm.id, point.alarm.conditionKey);
        const a = point.alarm;
        if (isAnnunciated(a)) {
          this.kpiTracker.recordActivation(a.conditionKey, now, { sourceDevice: a.sourceDevice, priority: a.priority, message: a.message, ...(a.text ? { text: a.text } : {}) });
        }
      }
    } else {
      this.run(point, { type: 'clear', value: ev.value }, now, events);
    }
  }

  /** Applies a command the engine itself issues; an invalid one is a no-op (it cannot come from a user). */
  private run(point: AlarmPoint, command: AlarmCommand, now: number, events: AlarmEvent[]): AlarmEvent | null {
    const r = applyCommand(point.alarm, command, now);
    if (!r.ok) return null;
    this.setAlarm(point, r.value.alarm, now);
    if (r.value.event) events.push(r.value.event);
    return r.value.event;
  }

  private act(action: AlarmAction, alarmId: string, actor: AlarmActor, now: number, command: AlarmCommand): AlarmResult<Alarm> {
    const denied = checkPermission(actor, action);
    if (denied) return denied;
    const key = this.byId.get(alarmId);
    if (key === undefined) {
      const retiredKey = this.retired.get(alarmId);
      if (retiredKey !== undefined) {
        return alarmError('stale-occurrence', `alarm ${alarmId} has been replaced by a newer occurrence of ${retiredKey}; refresh and act on that one`);
      }
      return alarmError('not-found', `no alarm ${alarmId}`);
    }
    return this.commit(this.points.get(key) as AlarmPoint, command, now, action);
  }

  private actOnPoint(action: AlarmAction, conditionKey: string, actor: AlarmActor, now: number, command: AlarmCommand): AlarmResult<Alarm> {
    const denied = checkPermission(actor, action);
    if (denied) return denied;
    const point = this.points.get(conditionKey);
    if (!point) return alarmError('not-found', `no alarm condition ${conditionKey}`);
    return this.commit(point, command, now, action);
  }

  private commit(point: AlarmPoint, command: AlarmCommand, now: number, action: AlarmAction): AlarmResult<Alarm> {
    const before = point.alarm;
    const r = applyCommand(before, command, now);
    if (!r.ok) return r;
    this.setAlarm(point, r.value.alarm, now);
    if (action === 'acknowledge' && before.activatedAt !== null) this.kpiTracker.recordAcknowledgement(before.activatedAt, now);
    this.emit(r.value.event ? [r.value.event] : []);
    return { ok: true, value: copy(point.alarm) };
  }

  private setAlarm(point: AlarmPoint, next: Alarm, now: number): void {
    const wasShown = isAnnunciated(point.alarm);
    const newOccurrence = next.id !== point.alarm.id;
    point.alarm = next;
    if (!isAnnunciated(next)) point.shownSince = null;
    else if (!wasShown || newOccurrence) point.shownSince = now;
  }

  private retire(alarmId: string, conditionKey: string): void {
    this.retired.set(alarmId, conditionKey);
    if (this.retired.size > RETIRED_IDS_KEPT) this.retired.delete(this.retired.keys().next().value as string);
  }

  private emit(events: AlarmEvent[]): AlarmEvent[] {
    const listener = this.options.onEvent;
    if (listener) {
      for (const event of events) {
        try {
          listener(event);
        } catch (error) {
          this.options.onListenerError?.(error, event);
        }
      }
    }
    return events;
  }
}

function copy(alarm: Alarm): Alarm {
  return {
    ...alarm,
    comments: alarm.comments.map((c) => ({ ...c })),
    shelved: alarm.shelved && { ...alarm.shelved },
    suppressed: alarm.suppressed && { ...alarm.suppressed },
    outOfService: alarm.outOfService && { ...alarm.outOfService },
  };
}
