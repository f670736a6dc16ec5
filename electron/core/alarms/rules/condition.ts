/** Small builders shared by the rule files: a high limit with deadband, and a yes/no condition. */
import type { AlarmPriority, AlarmText, ConditionEvaluation } from '../alarm-types.js';

export interface Timing {
  onDelayMs: number;
  offDelayMs: number;
}

export interface HighLimitSpec extends Timing {
  conditionKey: string;
  sourceDevice: string;
  priority: AlarmPriority;
  message: string;
  unit: string;
  value: number;
  limit: number;
  text?: AlarmText;
  /** The alarm clears only once the value is below `limit - deadband`. */
  deadband: number;
  /** `>=` (true) or `>` (false) at the limit. */
  inclusive: boolean;
  /** Clears only strictly below this instead (a rule written as "until below X"). */
  clearBelow?: number;
  latched?: boolean;
}

/**
 * A value against a high limit. Inclusive (`>=`): beyond at the limit, clearable strictly below
 * limit − deadband. Exclusive (`>`): beyond above the limit, clearable at limit − deadband or
 * below — so 10 people in a 9-person cage clears when the tenth steps out, not at 8.
 */
export function highLimit(spec: HighLimitSpec): ConditionEvaluation {
  const beyond = spec.inclusive ? spec.value >= spec.limit : spec.value > spec.limit;
  const clearAt = spec.limit - spec.deadband;
  const inside =
    spec.clearBelow !== undefined ? spec.value < spec.clearBelow : spec.inclusive ? spec.value < clearAt : spec.value <= clearAt;
  return {
    conditionKey: spec.conditionKey,
    sourceDevice: spec.sourceDevice,
    priority: spec.priority,
    message: spec.message,
    ...(spec.text ? { text: spec.text } : {}),
    value: spec.value,
    limit: spec.limit,
    unit: spec.unit,
    beyond,
    clearable: !beyond && inside,
    latched: spec.latched ?? false,
    onDelayMs: spec.onDelayMs,
    offDelayMs: spec.offDelayMs,
  };
}

export interface FlagSpec extends Timing {
  conditionKey: string;
  sourceDevice: string;
  priority: AlarmPriority;
  message: string;
  text?: AlarmText;
  active: boolean;
  latched?: boolean;
}

/** A yes/no condition (door open while moving, unknown driver): no value, no deadband. */
export function flagCondition(spec: FlagSpec): ConditionEvaluation {
  return {
    conditionKey: spec.conditionKey,
    sourceDevice: spec.sourceDevice,
    priority: spec.priority,
    message: spec.message,
    ...(spec.text ? { text: spec.text } : {}),
    value: null,
    limit: null,
    unit: '',
    beyond: spec.active,
    clearable: !spec.active,
    latched: spec.latched ?? false,
    onDelayMs: spec.onDelayMs,
    offDelayMs: spec.offDelayMs,
  };
}

/** Rounds away binary noise (0.29 * 100 = 28.999999999999996) so a limit of exactly 90 % means 90 %. */
export function percent(part: number, whole: number): number {
  return Math.round(((part * 100) / whole) * 1e6) / 1e6;
}
