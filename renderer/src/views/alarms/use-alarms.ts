import { useSyncExternalStore } from 'react';
import type { Alarm } from '../../../../electron/common/alarms.js';
import type { AlarmState } from '../../state/alarm-state.js';

/** Every alarm in the store; re-renders on any alarm change (banner, list). */
export function useAllAlarms(state: AlarmState): Alarm[] {
  return useSyncExternalStore(state.subscribeAll, () => state.all());
}

/** One alarm occurrence; re-renders only when that one changes (detail view). */
export function useAlarm(state: AlarmState, id: string): Alarm | undefined {
  return useSyncExternalStore(
    (l) => state.subscribeId(id, l),
    () => state.get(id),
  );
}
