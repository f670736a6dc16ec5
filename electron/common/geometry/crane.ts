import type { EnuPosition } from '../site.js';
import type { CraneTelemetry } from '../telemetry.js';
import { add, scale, type Segment3d } from './vector.js';

/**
 * Tower-crane geometry in the site's ENU frame.
 *
 * Conventions (the same as the crane monitors' GB/T 37366-2019 data items and `CraneTelemetry`):
 * - slew: degrees clockwise from site north seen from above, i.e. 0° = +n, 90° = +e, 180° = −n,
 *   270° = −e. Any real number is accepted (−90 and 270 are the same direction).
 * - the base is the mast axis at the crane's foundation (the device `position` in the site file);
 *   the jib is horizontal at base.u + towerHeightM; the mast is vertical.
 * Not modelled: mast tilt (1° of tilt shifts the top of a 50 m mast ~0.9 m, so it belongs in the safety distance),
 * jib deflection, the hook block's and load's size, the counterweight hanging below the counter-jib.
 */

/**
 * A tower crane's fixed dimensions, metres. Mirrors `crane` in the site file
 * (electron/core/config/site-schema.ts), restated here because common/ must not import core/.
 */
export interface CraneGeometry {
  /** Height of the jib above the crane base, metres. */
  towerHeightM: number;
  /** Jib length from the mast axis to the jib tip, metres. */
  jibLengthM: number;
  /** Counter-jib length from the mast axis to its tail, metres; 0 when there is none. */
  counterJibLengthM: number;
}

/** The readings that place the jib, trolley and hook (a subset of `CraneTelemetry`). */
export type CranePose = Pick<CraneTelemetry, 'slewDeg' | 'radiusM' | 'heightM'>;

/** Horizontal unit vector in ENU along the jib for a slew angle in degrees clockwise from north. */
export function jibDirection(slewDeg: number): EnuPosition {
  const rad = (slewDeg * Math.PI) / 180;
  // Clockwise from north: sin goes to east, cos to north (the compass convention, not the math one).
  return { e: Math.sin(rad), n: Math.cos(rad), u: 0 };
}

/** Hook position, ENU metres: `radiusM` out from the mast along the jib, `heightM` above the base. */
export function hookPosition(base: EnuPosition, pose: CranePose): EnuPosition {
  const along = add(base, scale(jibDirection(pose.slewDeg), pose.radiusM));
  return { e: along.e, n: along.n, u: base.u + pose.heightM };
}

/**
 * The whole jib as one segment, ENU metres: from the counter-jib tail (behind the mast) to the jib
 * tip, at jib height base.u + towerHeightM.
 */
export function jibSegment(base: EnuPosition, geometry: CraneGeometry, slewDeg: number): Segment3d {
  const dir = jibDirection(slewDeg);
  const top = mastTop(base, geometry);
  return { start: add(top, scale(dir, -geometry.counterJibLengthM)), end: add(top, scale(dir, geometry.jibLengthM)) };
}

/** The jib proper, from the mast axis to the jib tip, ENU metres. */
export function frontJibSegment(base: EnuPosition, geometry: CraneGeometry, slewDeg: number): Segment3d {
  const top = mastTop(base, geometry);
  return { start: top, end: add(top, scale(jibDirection(slewDeg), geometry.jibLengthM)) };
}

/** The counter-jib, from the mast axis back to its tail, ENU metres (zero length when there is none). */
export function counterJibSegment(base: EnuPosition, geometry: CraneGeometry, slewDeg: number): Segment3d {
  const top = mastTop(base, geometry);
  return { start: top, end: add(top, scale(jibDirection(slewDeg), -geometry.counterJibLengthM)) };
}

/** The mast as a vertical segment from the base up to jib height, ENU metres. */
export function mastSegment(base: EnuPosition, geometry: CraneGeometry): Segment3d {
  return { start: { ...base }, end: mastTop(base, geometry) };
}

/**
 * The hoist rope as a vertical segment from the trolley (on the jib, `radiusM` out) down to the hook.
 * Telemetry is taken as reported, not clamped to the jib: a radius beyond the jib or a hook above it
 * is a monitor or configuration fault that the caller should see, not have hidden.
 */
export function hoistRope(base: EnuPosition, pose: CranePose, geometry: CraneGeometry): Segment3d {
  const hook = hookPosition(base, pose);
  return { start: { e: hook.e, n: hook.n, u: base.u + geometry.towerHeightM }, end: hook };
}

function mastTop(base: EnuPosition, geometry: CraneGeometry): EnuPosition {
  return { e: base.e, n: base.n, u: base.u + geometry.towerHeightM };
}
