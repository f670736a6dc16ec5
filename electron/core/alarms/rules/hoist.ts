/**
 * Construction-hoist (施工升降机) conditions from one reading: overload, people over the rated
 * number, landing/cage door open while the cage moves, and a driver not on the authorised list.
 */
import type { HoistTelemetry } from '../../../common/telemetry.js';
import type { ConditionEvaluation } from '../alarm-types.js';
import * as D from '../defaults.js';
import { flagCondition, highLimit } from './condition.js';

export interface HoistRuleConfig {
  /** |speed| above this counts as moving, m/s. */
  movingSpeedMs: number;
  /** Authorised driver ids; when absent or empty, the driver check is off. */
  authorisedDrivers?: readonly string[];
  onDelayMs: number;
  offDelayMs: number;
}

export const DEFAULT_HOIST_RULES: HoistRuleConfig = {
  movingSpeedMs: D.HOIST_MOVING_SPEED_MS,
  onDelayMs: D.HOIST_ON_DELAY_MS,
  offDelayMs: D.HOIST_OFF_DELAY_MS,
};

export function evaluateHoist(deviceId: string, reading: HoistTelemetry, config: HoistRuleConfig = DEFAULT_HOIST_RULES): ConditionEvaluation[] {
  const timing = { onDelayMs: config.onDelayMs, offDelayMs: config.offDelayMs };
  const out: ConditionEvaluation[] = [
    highLimit({
      conditionKey: `${deviceId}:overload`,
      sourceDevice: deviceId,
      priority: 'high',
      message: `Cage load ${reading.loadKg} kg over rated ${reading.ratedLoadKg} kg`,
      text: { key: 'hoist.overload', params: { value: reading.loadKg, limit: reading.ratedLoadKg } },
      unit: 'kg',
      value: reading.loadKg,
      limit: reading.ratedLoadKg,
      // 2 % of rated: enough to stop a load swinging at the limit from chattering.
      deadband: reading.ratedLoadKg * 0.02,
      inclusive: false,
      ...timing,
    }),
    highLimit({
      conditionKey: `${deviceId}:people`,
      sourceDevice: deviceId,
      priority: 'high',
      message: `${reading.people} people in the cage, rated ${reading.ratedPeople}`,
      text: { key: 'hoist.people', params: { value: reading.people, limit: reading.ratedPeople } },
      unit: 'people',
      value: reading.people,
      limit: reading.ratedPeople,
      deadband: 0,
      inclusive: false,
      ...timing,
    }),
  ];
  const moving = Math.abs(reading.speedMs) > config.movingSpeedMs;
  out.push(
    flagCondition({
      conditionKey: `${deviceId}:door-open-moving`,
      sourceDevice: deviceId,
      priority: 'critical',
      message: `Door open while the cage moves at ${Math.abs(reading.speedMs).toFixed(2)} m/s`,
      text: { key: 'hoist.doorMoving', params: { speed: Math.abs(reading.speedMs).toFixed(2) } },
      active: reading.doorOpen && moving,
      // A fall hazard: no on-delay.
      onDelayMs: 0,
      offDelayMs: config.offDelayMs,
    }),
  );
  if (config.authorisedDrivers && config.authorisedDrivers.length > 0) {
    const known = reading.driverId !== undefined && config.authorisedDrivers.includes(reading.driverId);
    out.push(
      flagCondition({
        conditionKey: `${deviceId}:unknown-driver`,
        sourceDevice: deviceId,
        priority: 'high',
        message: reading.driverId ? `Driver ${reading.driverId} is not on the authorised list` : 'No driver identified',
        text: reading.driverId ? { key: 'hoist.unknownDriver', params: { driver: reading.driverId } } : { key: 'hoist.noDriver', params: {} },
        active: !known,
        ...timing,
      }),
    );
  }
  return out;
}
