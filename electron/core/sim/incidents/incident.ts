/**
 * One scripted incident of the demo site: for a while, some devices send readings that a real
 * incident would produce. The simulator only produces readings; whether they raise an alarm, and
 * which, is the alarm rules' decision, exactly as for field devices.
 */
export type IncidentId = 'crane-moment' | 'hoist-door' | 'crane-approach' | 'dust-wind' | 'device-offline';

export interface Incident {
  id: IncidentId;
  /** How long the incident lasts, seconds (readings are normal again afterwards). */
  durationS: number;
  /** The devices whose readings it changes (their ids in the site file). */
  devices: readonly string[];
  /**
   * The reading `deviceId` sends `tS` seconds into the incident, made from the one it would
   * have sent; null: the device sends nothing (it is offline).
   */
  shape(deviceId: string, reading: Readonly<Record<string, unknown>>, tS: number): Record<string, unknown> | null;
}

/** Piecewise-linear value at `t` through `[t, value]` points sorted by time (held flat outside them). */
export function ramp(points: ReadonlyArray<readonly [number, number]>, t: number): number {
  const first = points[0];
  if (!first) return 0;
  if (t <= first[0]) return first[1];
  for (let i = 1; i < points.length; i++) {
    const [t0, v0] = points[i - 1]!;
    const [t1, v1] = points[i]!;
    if (t <= t1) return t1 === t0 ? v1 : v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
  }
  return points[points.length - 1]![1];
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
