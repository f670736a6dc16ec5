import { CRANE_LEVELS } from '../../../common/crane-moment-bands.js';
import type { CraneTelemetry } from '../../../common/telemetry.js';
import { ramp, round, type Incident } from './incident.js';

/** Seconds: trolleying out with a heavy load, past the limiter, holding, then back in. */
export const CRANE_MOMENT_DURATION_S = 50;

/**
 * A crane nearing and passing its moment limit: the driver trolleys a heavy load out; the moment
 * climbs through the 90 % pre-warning and the 100 % rated line to 3 points past the 110 % cut-off
 * (GB 5144-2006: the limiter stops hoisting up there; the cut-off alarm latches), holds while the
 * driver notices, then brings the load back in. Moment % follows from the radius as on a real
 * load chart: moment = load × radius; the crane's rated moment is read back from its own readings.
 */
export function craneMomentIncident(craneId: string, jibLengthM: number): Incident {
  const peakPct = CRANE_LEVELS.cutoffPct + 3;
  const profile: ReadonlyArray<readonly [number, number]> = [
    [0, CRANE_LEVELS.warningPct - 8],
    [25, peakPct],
    [35, peakPct],
    [CRANE_MOMENT_DURATION_S, 70],
  ];
  return {
    id: 'crane-moment',
    durationS: CRANE_MOMENT_DURATION_S,
    devices: [craneId],
    shape: (_id, reading, tS) => craneMomentReading(reading as unknown as CraneTelemetry, ramp(profile, tS), peakPct, jibLengthM),
  };
}

/**
 * The reading at `pct` % of the rated moment, with the load chosen so that the peak is reached at
 * 90 % of the jib (a believable trolley position), radius = pct × rated moment / load.
 */
export function craneMomentReading(base: CraneTelemetry, pct: number, peakPct: number, jibLengthM: number): Record<string, unknown> {
  const ratedMomentTm = ratedMomentOf(base);
  const loadT = ((peakPct / 100) * ratedMomentTm) / (0.9 * jibLengthM);
  const radiusM = ((pct / 100) * ratedMomentTm) / loadT;
  return {
    ...base,
    loadT: round(loadT, 2),
    radiusM: round(radiusM, 2),
    ratedLoadT: round(ratedMomentTm / radiusM, 2),
    momentPct: round(pct, 1),
  };
}

/** The crane's rated moment, t·m, from one of its readings (moment % = load × radius / rated). */
export function ratedMomentOf(reading: Pick<CraneTelemetry, 'loadT' | 'radiusM' | 'momentPct' | 'ratedLoadT'>): number {
  if (reading.momentPct > 0) return (reading.loadT * reading.radiusM * 100) / reading.momentPct;
  return reading.ratedLoadT * reading.radiusM;
}
