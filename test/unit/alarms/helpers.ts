import type { AlarmActor, AlarmPriority, ConditionEvaluation } from '../../../electron/core/alarms/alarm-types.js';

export const OPERATOR: AlarmActor = { user: 'li.wei', role: 'operator' };
export const SAFETY: AlarmActor = { user: 'zhang.min', role: 'safety' };
export const VIEWER: AlarmActor = { user: 'guest', role: 'viewer' };
export const MANAGER: AlarmActor = { user: 'wang.pm', role: 'manager' };

/** A high-limit evaluation of `value` against `limit` with a deadband, no delays unless given. */
export function evaluation(
  value: number,
  opts: { key?: string; limit?: number; deadband?: number; priority?: AlarmPriority; latched?: boolean; onDelayMs?: number; offDelayMs?: number; device?: string } = {},
): ConditionEvaluation {
  const limit = opts.limit ?? 100;
  const deadband = opts.deadband ?? 0;
  const beyond = value >= limit;
  return {
    conditionKey: opts.key ?? 'crane-1:load:overload',
    sourceDevice: opts.device ?? 'crane-1',
    priority: opts.priority ?? 'medium',
    message: `value ${value}`,
    value,
    limit,
    unit: '%',
    beyond,
    clearable: !beyond && value < limit - deadband,
    latched: opts.latched ?? false,
    onDelayMs: opts.onDelayMs ?? 0,
    offDelayMs: opts.offDelayMs ?? 0,
  };
}

/** Sequential ids a1, a2… so tests can name occurrences. */
export function counterIds(): () => string {
  let n = 0;
  return () => `a${++n}`;
}

export const T0 = Date.UTC(2025, 5, 2, 2, 0, 0); // 10:00 Asia/Shanghai
