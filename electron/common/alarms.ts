/**
 * Alarm vocabulary after ISA-18.2 / IEC 62682 (states, shelving, suppression, out of service)
 * and OPC UA Part 9 (latched alarms cleared only by a reset). Pure types: the UI will import a
 * subset of these once they move to `electron/common/`.
 */
import type { UserRole } from './api.js';

/**
 * An alarm's message as a translation key and its parameters (numbers already formatted), so each
 * console shows it in its operator's language; `message` keeps the English text for logs and APIs.
 * Keys live under `alarmText.` in the renderer's strings.
 */
export interface AlarmText {
  key: string;
  params: Record<string, string | number>;
}

/** Fixed priority levels; the HMI gives each one colour + shape + word and uses them for nothing else. */
export type AlarmPriority = 'critical' | 'high' | 'medium' | 'low';

export const ALARM_PRIORITIES: readonly AlarmPriority[] = ['critical', 'high', 'medium', 'low'];

/**
 * The shape doubling each priority's colour (ISA-101: colour + shape + word), the one definition
 * every screen uses: banner, list, 3D labels and markers, map, sites panel, device cards.
 */
export const PRIORITY_SHAPE: Readonly<Record<AlarmPriority, string>> = Object.freeze({ critical: '▲', high: '■', medium: '◆', low: '▼' });

/**
 * ISA-18.2 alarm states. `unack-rtn`: the condition returned to normal before anyone
 * acknowledged it, so it still needs an acknowledgement.
 */
export type AlarmState = 'normal' | 'unack-active' | 'ack-active' | 'unack-rtn';

/** Who did something: a signed-in user, or the engine itself (`role: 'system'`). */
export interface AlarmActor {
  user: string;
  role: UserRole | 'system';
}

export const SYSTEM_ACTOR: AlarmActor = { user: 'system', role: 'system' };

export interface AlarmComment {
  /** UTC epoch ms. */
  at: number;
  by: string;
  text: string;
}

/** A shelved alarm is tracked but not annunciated until `until` (UTC epoch ms) or an unshelve. */
export interface AlarmShelve {
  by: string;
  reason: string;
  at: number;
  until: number;
}

/** Suppressed by design: the system hides it because of plant state (e.g. crane marked out of service). */
export interface AlarmSuppression {
  reason: string;
  at: number;
}

/** Removed from service by a person (maintenance, a broken sensor). */
export interface AlarmOutOfService {
  by: string;
  reason: string;
  at: number;
}

/**
 * One alarm point (one condition key) and its current occurrence. `id` names the occurrence and
 * changes each time the alarm activates from `normal`; shelve/suppress/out-of-service belong to
 * the point and outlive occurrences.
 */
export interface Alarm {
  /** Occurrence id; acknowledgements name it so that a stale screen cannot ack a newer occurrence. */
  id: string;
  /** `device:quantity:level`, e.g. `crane-1:moment:cutoff`. */
  conditionKey: string;
  sourceDevice: string;
  priority: AlarmPriority;
  message: string;
  /** The message for translation (absent on alarms stored before it existed). */
  text?: AlarmText;
  /** Latest measured value in `unit`; null for yes/no conditions (door open, unknown driver). */
  value: number | null;
  /** Highest value seen during this occurrence. */
  peakValue: number | null;
  limit: number | null;
  unit: string;
  state: AlarmState;
  /** Whether the process condition is beyond its limit now (after on/off delays). */
  conditionActive: boolean;
  /** This occurrence must be reset by an authorised person even after the condition clears. */
  latched: boolean;
  activatedAt: number | null;
  ackedAt: number | null;
  ackedBy: string | null;
  rtnAt: number | null;
  resetAt: number | null;
  resetBy: string | null;
  escalated: boolean;
  escalatedAt: number | null;
  shelved: AlarmShelve | null;
  suppressed: AlarmSuppression | null;
  outOfService: AlarmOutOfService | null;
  /** Newest last; capped (see `MAX_COMMENTS_KEPT`); the audit log keeps them all. */
  comments: AlarmComment[];
  /**
   * A picture of what raised this occurrence (a turnstile's capture of an unknown face), as a
   * media path (`/api/media/…`) read through a media ticket; absent for measured conditions.
   */
  photo?: string;
}

/**
 * What a rule says about one condition for one reading. `beyond` and `clearable` are already
 * worked out against the limit and the deadband by the rule, so the engine stays unit-agnostic:
 * it activates after `beyond` has held for `onDelayMs` and clears after `clearable` has held
 * for `offDelayMs`.
 */
export interface ConditionEvaluation {
  conditionKey: string;
  sourceDevice: string;
  priority: AlarmPriority;
  message: string;
  text?: AlarmText;
  value: number | null;
  limit: number | null;
  unit: string;
  /** The value is beyond the limit now. */
  beyond: boolean;
  /** The value is inside limit minus deadband now (for yes/no conditions: `!beyond`). */
  clearable: boolean;
  /** Occurrences of this condition latch (e.g. a crane's 110 % cut-off). */
  latched: boolean;
  onDelayMs: number;
  offDelayMs: number;
  /** Media path of a picture for the occurrence this evaluation activates (`Alarm.photo`). */
  photo?: string;
}

export type AlarmEventType =
  | 'activated'
  | 'acknowledged'
  | 'commented'
  | 'shelved'
  | 'unshelved'
  | 'reset'
  | 'escalated'
  | 'returned-to-normal'
  | 'suppressed'
  | 'unsuppressed'
  | 'removed-from-service'
  | 'returned-to-service';

/** One thing that happened to an alarm; what the audit log stores and UIs are pushed. */
export interface AlarmEvent {
  type: AlarmEventType;
  /** UTC epoch ms. */
  at: number;
  alarmId: string;
  conditionKey: string;
  sourceDevice: string;
  priority: AlarmPriority;
  actor: AlarmActor;
  /** Comment, shelve/suppress reason, or null. */
  text: string | null;
  /** The alarm after the event (a copy). */
  alarm: Alarm;
}

/** Why an operation was refused. */
export type AlarmErrorCode =
  | 'forbidden'
  | 'not-found'
  | 'stale-occurrence'
  | 'comment-required'
  | 'invalid-transition'
  | 'bad-request';

export interface AlarmError {
  ok: false;
  code: AlarmErrorCode;
  message: string;
}

export type AlarmResult<T> = { ok: true; value: T } | AlarmError;

export function alarmError(code: AlarmErrorCode, message: string): AlarmError {
  return { ok: false, code, message };
}

/** Annunciated = shown to the operator: not normal, and not shelved, suppressed or out of service. */
export function isAnnunciated(alarm: Alarm): boolean {
  return alarm.state !== 'normal' && !alarm.shelved && !alarm.suppressed && !alarm.outOfService;
}

export function isUnacknowledged(alarm: Alarm): boolean {
  return alarm.state === 'unack-active' || alarm.state === 'unack-rtn';
}

/** Alarm-system performance figures (EEMUA 191, ISA-18.2 §16); computed in core/alarms/alarm-kpis.ts. */
/** A condition as an operator reads it: the device it belongs to and what happened. */
export interface AlarmConditionAbout {
  sourceDevice: string;
  priority: AlarmPriority;
  /** English text for logs and APIs. */
  message: string;
  /** The text for translation. */
  text?: AlarmText;
}

export interface AlarmKpis {
  /** Annunciated activations in the flood window ending now (10 minutes by default). */
  activationsInFloodWindow: number;
  /** More than `floodThreshold` activations in that window. */
  flood: boolean;
  /** Activations per 10-minute window (aligned to UTC 10-minute boundaries), over the horizon; windows without activations are left out. */
  perTenMinutes: Array<{ start: number; count: number }>;
  /** Alarms active (acknowledged or not) for longer than `standingAfterMs`. */
  standing: Array<{ alarmId: string; conditionKey: string; activeForMs: number }>;
  /** Conditions that activated `chatterCount` or more times within any `chatterWindowMs` in the horizon. */
  chattering: string[];
  /** The ten conditions activating most often over the horizon, most first (ties by key). */
  topTen: Array<{ conditionKey: string; count: number }>;
  /**
   * What each condition named above (top ten, chattering, standing) is, from its latest
   * activation: the device and the alarm text, so a screen shows "1# 塔吊 · 力矩 112% …", never
   * the condition key.
   */
  about: Record<string, AlarmConditionAbout>;
  /** Mean of (acknowledged − activated) over acknowledgements in the horizon, ms; null when none. */
  meanTimeToAckMs: number | null;
  acknowledgements: number;
}
