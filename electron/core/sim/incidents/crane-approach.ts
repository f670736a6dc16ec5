import type { EnuPosition } from '../../../common/site.js';
import type { CraneTelemetry } from '../../../common/telemetry.js';
import { ramp, round, type Incident } from './incident.js';

/** Seconds: the lower crane slews in, holds inside the safety distance, slews away. */
export const CRANE_APPROACH_DURATION_S = 50;

/** One crane of the pair: where it stands and how tall it is. */
export interface ApproachCrane {
  id: string;
  base: EnuPosition;
  towerHeightM: number;
  jibLengthM: number;
}

/**
 * Two cranes approaching (群塔防碰撞): the taller crane holds its load part-way towards the lower
 * one, hook low; the lower crane slews its jib towards the taller one's hoist rope until the gap
 * is `closestM` (below the safety distance of GB 5144-2006 §10.5), holds, and slews back. The
 * angle is worked out from the layout: a jib at angle Δ off the line to the rope passes it at
 * d·sin Δ, d the horizontal distance from the lower mast to the rope.
 */
export function craneApproachIncident(taller: ApproachCrane, lower: ApproachCrane, closestM: number): Incident {
  const towardsLower = bearingDeg(taller.base, lower.base);
  const distance = Math.hypot(lower.base.e - taller.base.e, lower.base.n - taller.base.n);
  // The rope hangs half-way between the masts (within the taller jib's reach), the hook below the lower jib.
  const ropeRadiusM = Math.min(0.5 * distance, 0.8 * taller.jibLengthM);
  const rope = { e: taller.base.e + ropeRadiusM * sin(towardsLower), n: taller.base.n + ropeRadiusM * cos(towardsLower) };
  const hookHeightM = Math.max(4, lower.towerHeightM - 20);
  const lowerToRope = Math.hypot(rope.e - lower.base.e, rope.n - lower.base.n);
  const towardsRope = bearingDeg(lower.base, rope);
  const closestOffDeg = (Math.asin(Math.min(1, closestM / lowerToRope)) * 180) / Math.PI;
  const offDeg: ReadonlyArray<readonly [number, number]> = [
    [0, 45],
    [25, closestOffDeg],
    [35, closestOffDeg],
    [CRANE_APPROACH_DURATION_S, 45],
  ];
  return {
    id: 'crane-approach',
    durationS: CRANE_APPROACH_DURATION_S,
    devices: [taller.id, lower.id],
    shape: (id, reading, tS) => {
      const base = reading as unknown as CraneTelemetry;
      if (id === taller.id) return { ...base, slewDeg: round(towardsLower, 1), radiusM: round(ropeRadiusM, 2), heightM: hookHeightM };
      return { ...base, slewDeg: round(normalise(towardsRope - ramp(offDeg, tS)), 2) };
    },
  };
}

/** Compass bearing from `a` to `b`, degrees clockwise from north. */
function bearingDeg(a: Pick<EnuPosition, 'e' | 'n'>, b: Pick<EnuPosition, 'e' | 'n'>): number {
  return normalise((Math.atan2(b.e - a.e, b.n - a.n) * 180) / Math.PI);
}

function normalise(deg: number): number {
  return ((deg % 360) + 360) % 360;
}

function sin(deg: number): number {
  return Math.sin((deg * Math.PI) / 180);
}

function cos(deg: number): number {
  return Math.cos((deg * Math.PI) / 180);
}
