import { OFFLINE_AFTER_INTERVALS } from '../../devices/device-states.js';
import type { Incident } from './incident.js';

/**
 * A device going offline and back (a monitor losing power or its 4G link): it sends nothing for
 * long enough to count as offline (OFFLINE_AFTER_INTERVALS × its interval), plus a margin so the
 * operator sees the alarm stand a while, then reports again.
 */
export function deviceOfflineIncident(deviceId: string, expectedIntervalS: number): Incident {
  return {
    id: 'device-offline',
    durationS: offlineDurationS(expectedIntervalS),
    devices: [deviceId],
    shape: () => null,
  };
}

export function offlineDurationS(expectedIntervalS: number): number {
  return Math.max(40, OFFLINE_AFTER_INTERVALS * expectedIntervalS + 30);
}
