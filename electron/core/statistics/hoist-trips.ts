/**
 * Hoist trips (施工升降机 runs) from the cage's speed and height: a trip starts when the cage
 * moves (|speed| above `movingMs`) and ends when it stops again having travelled at least
 * `minTravelM` (a creep to level with a landing is not a trip). People carried: the most on board
 * during the trip, as the monitor counts them (driver included, as provinces' caps count).
 */
import type { HoistTelemetry } from '../../common/telemetry.js';

export const HOIST_MOVING_MS = 0.1;
export const HOIST_MIN_TRAVEL_M = 2;

export interface HoistTrip {
  deviceId: string;
  driverId: string | null;
  startedAt: number;
  endedAt: number;
  people: number;
  travelM: number;
  /** Floors the cage left from and stopped at, as the monitor reports them. */
  fromFloor: number;
  toFloor: number;
}

interface Open {
  startedAt: number;
  fromM: number;
  fromFloor: number;
  people: number;
  driverId: string | null;
}

export class HoistTripCounter {
  private readonly open = new Map<string, Open | null>();
  private readonly lastAt = new Map<string, number>();

  observe(deviceId: string, ts: number, r: HoistTelemetry): HoistTrip | null {
    const last = this.lastAt.get(deviceId);
    if (last !== undefined && ts <= last) return null;
    this.lastAt.set(deviceId, ts);
    const moving = Math.abs(r.speedMs) > HOIST_MOVING_MS;
    const current = this.open.get(deviceId) ?? null;
    if (!current) {
      if (moving) this.open.set(deviceId, { startedAt: ts, fromM: r.heightM, fromFloor: r.floor, people: r.people, driverId: r.driverId ?? null });
      return null;
    }
    if (moving) {
      current.people = Math.max(current.people, r.people);
      return null;
    }
    this.open.set(deviceId, null);
    const travelM = Math.abs(r.heightM - current.fromM);
    if (travelM < HOIST_MIN_TRAVEL_M) return null;
    return { deviceId, driverId: current.driverId, startedAt: current.startedAt, endedAt: ts, people: current.people, travelM, fromFloor: current.fromFloor, toFloor: r.floor };
  }
}
