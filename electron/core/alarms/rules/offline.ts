/**
 * Device offline. The caller (which knows each device's last message) raises it; this only names
 * the condition and decides "offline" the same way everywhere: no data for 3× the interval.
 */
import type { AlarmPriority, ConditionEvaluation } from '../alarm-types.js';
import { OFFLINE_INTERVAL_FACTOR } from '../defaults.js';
import { flagCondition } from './condition.js';

export function offlineConditionKey(deviceId: string): string {
  return `${deviceId}:offline`;
}

/**
 * A safety monitor that stops reporting hides every other alarm of its device, so cranes and
 * hoists go offline at high priority; environmental monitors at low (site policy).
 */
export function offlinePriority(kind: string): AlarmPriority {
  return kind === 'crane' || kind === 'hoist' ? 'high' : kind === 'ranging' ? 'medium' : 'low';
}

/**
 * `lastSeenMs` null = never heard from since start; judged from `startedAt` then, so a device
 * that is silent from the start goes offline too.
 */
export function evaluateOffline(
  deviceId: string,
  kind: string,
  lastSeenMs: number | null,
  expectedIntervalMs: number,
  now: number,
  startedAt = now,
): ConditionEvaluation {
  const silentFor = now - (lastSeenMs ?? startedAt);
  const limitMs = OFFLINE_INTERVAL_FACTOR * expectedIntervalMs;
  const ev = flagCondition({
    conditionKey: offlineConditionKey(deviceId),
    sourceDevice: deviceId,
    priority: offlinePriority(kind),
    message: `${deviceId} has sent nothing for ${Math.round(silentFor / 1000)} s (expected every ${Math.round(expectedIntervalMs / 1000)} s)`,
    text: { key: 'offline', params: { device: deviceId, silent: Math.round(silentFor / 1000), interval: Math.round(expectedIntervalMs / 1000) } },
    active: silentFor > limitMs,
    onDelayMs: 0,
    offDelayMs: 0,
  });
  return { ...ev, value: silentFor / 1000, limit: limitMs / 1000, unit: 's' };
}
