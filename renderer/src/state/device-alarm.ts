import { useSyncExternalStore } from 'react';
import type { Alarm, AlarmPriority } from '../../../electron/common/alarms.js';
import { isAnnunciated, isUnacknowledged } from '../../../electron/common/alarms.js';
import type { AlarmState } from './alarm-state.js';

/** A device's most urgent open alarm, as every panel that shows the device marks it. */
export interface DeviceAlarmMark {
  priority: AlarmPriority;
  /** Any of its open alarms still unacknowledged (the mark blinks). */
  unacked: boolean;
}

const RANK: Record<AlarmPriority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * The highest priority among a device's open alarms (annunciated, not back to normal), and
 * whether one is unacknowledged; null when it has none. The same rule as the 3D view's colouring.
 */
export function deviceAlarmMark(alarms: Iterable<Alarm>, deviceId: string): DeviceAlarmMark | null {
  let priority: AlarmPriority | null = null;
  let unacked = false;
  for (const a of alarms) {
    if (a.sourceDevice !== deviceId || a.state === 'normal' || !isAnnunciated(a)) continue;
    if (priority === null || RANK[a.priority] < RANK[priority]) priority = a.priority;
    if (isUnacknowledged(a)) unacked = true;
  }
  return priority === null ? null : { priority, unacked };
}

/** `deviceAlarmMark` kept current from the console's alarm state; a string key so React compares by value. */
export function useDeviceAlarmMark(alarms: AlarmState | undefined, deviceId: string): DeviceAlarmMark | null {
  const key = useSyncExternalStore(
    (l) => (alarms ? alarms.subscribeAll(l) : () => undefined),
    () => {
      const mark = alarms ? deviceAlarmMark(alarms.all(), deviceId) : null;
      return mark ? `${mark.priority}:${mark.unacked ? 1 : 0}` : '';
    },
  );
  if (!key) return null;
  const [priority, unacked] = key.split(':');
  return { priority: priority as AlarmPriority, unacked: unacked === '1' };
}
