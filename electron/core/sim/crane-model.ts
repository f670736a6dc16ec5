import type { CraneTelemetry } from '../../common/telemetry.js';

/**
 * A tower crane's lifting cycle: hook a load at the stockyard, hoist, slew to the building,
 * trolley out, lower, release, return. Times in seconds; one cycle is about 3 minutes.
 */
export interface CraneModelParams {
  /** Slew angle of the stockyard and the building, degrees from north. */
  pickSlewDeg: number;
  dropSlewDeg: number;
  pickRadiusM: number;
  dropRadiusM: number;
  /** Tonnes lifted each cycle, cycled through. */
  loadsT: number[];
  /** Rated moment, t·m (load chart: rated load = min(maxLoadT, ratedMomentTm / radius)). */
  ratedMomentTm: number;
  maxLoadT: number;
  towerHeightM: number;
  /** Offset into the cycle so two cranes do not move in lockstep, seconds. */
  phaseS: number;
}

const PHASES = [
  { name: 'hook', seconds: 20 },
  { name: 'hoist', seconds: 25 },
  { name: 'slew-out', seconds: 45 },
  { name: 'lower', seconds: 25 },
  { name: 'release', seconds: 15 },
  { name: 'slew-back', seconds: 45 },
] as const;
const CYCLE_S = PHASES.reduce((s, p) => s + p.seconds, 0);

export function ratedLoadAt(params: CraneModelParams, radiusM: number): number {
  return Math.min(params.maxLoadT, params.ratedMomentTm / Math.max(radiusM, 1));
}

/** Smooth 0→1 easing so the jib accelerates and brakes like a real slewing ring. */
function ease(x: number): number {
  const t = Math.min(1, Math.max(0, x));
  return t * t * (3 - 2 * t);
}

export function craneStateAt(params: CraneModelParams, timeS: number, windMs: number, tiltDeg: number): CraneTelemetry {
  const cycleIndex = Math.floor((timeS + params.phaseS) / CYCLE_S);
  let t = (((timeS + params.phaseS) % CYCLE_S) + CYCLE_S) % CYCLE_S;
  const load = params.loadsT[((cycleIndex % params.loadsT.length) + params.loadsT.length) % params.loadsT.length] ?? 1;
  const low = 4;
  const high = params.towerHeightM - 6;
  let slew = params.pickSlewDeg;
  let radius = params.pickRadiusM;
  let height = low;
  let carrying = 0;
  for (const phase of PHASES) {
    if (t > phase.seconds) {
      t -= phase.seconds;
      continue;
    }
    const x = ease(t / phase.seconds);
    switch (phase.name) {
      case 'hook':
        carrying = x > 0.5 ? load : 0;
        break;
      case 'hoist':
        carrying = load;
        height = low + (high - low) * x;
        break;
      case 'slew-out':
        carrying = load;
        height = high;
        slew = params.pickSlewDeg + (params.dropSlewDeg - params.pickSlewDeg) * x;
        radius = params.pickRadiusM + (params.dropRadiusM - params.pickRadiusM) * x;
        break;
      case 'lower':
        carrying = load;
        slew = params.dropSlewDeg;
        radius = params.dropRadiusM;
        height = high - (high - low - 8) * x;
        break;
      case 'release':
        carrying = x < 0.5 ? load : 0;
        slew = params.dropSlewDeg;
        radius = params.dropRadiusM;
        height = low + 8;
        break;
      case 'slew-back':
        height = low + 8 + (high - low - 8) * Math.min(1, x * 3);
        slew = params.dropSlewDeg + (params.pickSlewDeg - params.dropSlewDeg) * x;
        radius = params.dropRadiusM + (params.pickRadiusM - params.dropRadiusM) * x;
        break;
    }
    break;
  }
  const rated = ratedLoadAt(params, radius);
  const hookMassT = 0.35;
  const loadT = carrying + hookMassT;
  return {
    loadT: round(loadT, 2),
    ratedLoadT: round(rated, 2),
    momentPct: round(((loadT * radius) / params.ratedMomentTm) * 100, 1),
    radiusM: round(radius, 2),
    heightM: round(height, 2),
    slewDeg: round(((slew % 360) + 360) % 360, 1),
    windMs: round(windMs, 1),
    tiltDeg: round(tiltDeg, 2),
  };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
