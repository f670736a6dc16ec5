import { z } from 'zod';
import type { DeviceKind } from '../../common/device-kinds.js';
import type { TelemetryByKind } from '../../common/telemetry.js';

/**
 * What a reading of each kind must look like, whatever protocol brought it (MQTT JSON, HJ 212).
 * Ranges reject what no working sensor reports (a negative load, a 400 % moment), so a broken
 * sensor is visible as bad payloads instead of as false alarms.
 */
const finite = z.number().finite();

const crane = z.object({
  loadT: finite.min(0).max(200),
  ratedLoadT: finite.positive().max(200),
  momentPct: finite.min(0).max(250),
  radiusM: finite.min(0).max(120),
  heightM: finite.min(-50).max(400),
  slewDeg: finite.min(-720).max(720),
  windMs: finite.min(0).max(80),
  tiltDeg: finite.min(-30).max(30),
  operatorId: z.string().max(64).optional(),
});

const hoist = z.object({
  loadKg: finite.min(0).max(20_000),
  ratedLoadKg: finite.positive().max(20_000),
  people: z.number().int().min(0).max(100),
  ratedPeople: z.number().int().positive().max(100),
  floor: z.number().int().min(-10).max(300),
  heightM: finite.min(-50).max(1000),
  speedMs: finite.min(-10).max(10),
  doorOpen: z.boolean(),
  tiltDeg: finite.min(-30).max(30),
  driverId: z.string().max(64).optional(),
});

/** Every field is optional (a monitor without a wind sensor is common); at least one must be there. */
const dust = z
  .object({
  pm25: finite.min(0).max(10_000),
  pm10: finite.min(0).max(10_000),
  tsp: finite.min(0).max(20_000),
  noiseDb: finite.min(0).max(160),
  windMs: finite.min(0).max(80),
  windDir: finite.min(0).max(360),
  tempC: finite.min(-60).max(70),
  rh: finite.min(0).max(100),
  })
  .partial()
  .refine((values) => Object.values(values).some((v) => v !== undefined), 'a dust reading needs at least one of pm25, pm10, tsp, noiseDb, windMs, windDir, tempC, rh');

const ranging = z.object({ pointId: z.string().min(1).max(64), distanceM: finite.min(0).max(10_000) });

const gate = z.object({ workerId: z.string().min(1).max(64), direction: z.enum(['in', 'out']), gateId: z.string().min(1).max(64) });

export const READING_SCHEMAS: { [K in DeviceKind]: z.ZodType<TelemetryByKind[K]> } = { crane, hoist, dust, ranging, gate };

export type ReadingCheck<K extends DeviceKind> = { ok: true; values: TelemetryByKind[K] } | { ok: false; reason: string };

/** Validates values for a kind; the reason names the first bad field and what was expected. */
export function checkReading<K extends DeviceKind>(kind: K, values: unknown): ReadingCheck<K> {
  const parsed = READING_SCHEMAS[kind].safeParse(values);
  if (parsed.success) return { ok: true, values: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || '(payload)';
  return { ok: false, reason: `${field}: ${issue?.message ?? 'invalid'}` };
}
