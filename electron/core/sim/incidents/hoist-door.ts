import type { HoistTelemetry } from '../../../common/telemetry.js';
import { round, type Incident } from './incident.js';

export const HOIST_DOOR_DURATION_S = 20;
/** When the door is open while the cage travels, seconds into the incident. */
export const HOIST_DOOR_OPEN_S: readonly [number, number] = [5, 11];
/** Cage speed during the incident, m/s (SC200 hoists travel at about 0.6–1 m/s). */
const SPEED_MS = 0.8;

/**
 * A hoist door open while the cage moves (a fall hazard; the door interlock failed or was
 * bridged): the cage travels up for the whole incident and its landing door reads open for a few
 * seconds on the way.
 */
export function hoistDoorIncident(hoistId: string, floorHeightM: number): Incident {
  return {
    id: 'hoist-door',
    durationS: HOIST_DOOR_DURATION_S,
    devices: [hoistId],
    shape: (_id, reading, tS) => {
      const base = reading as unknown as HoistTelemetry;
      const heightM = round(3 + SPEED_MS * tS, 2);
      return {
        ...base,
        heightM,
        floor: Math.round(heightM / floorHeightM),
        speedMs: SPEED_MS,
        doorOpen: tS >= HOIST_DOOR_OPEN_S[0] && tS < HOIST_DOOR_OPEN_S[1],
      };
    },
  };
}
