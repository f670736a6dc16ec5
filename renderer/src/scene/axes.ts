import type { Vector3 } from 'three';
import type { EnuPosition } from '../../../electron/common/site.js';

/**
 * Site ENU (metres: e east, n north, u up) to three.js world axes. three.js is right-handed with
 * +y up, so:  x = e,  y = u,  z = −n.  North is −z (into the screen from the default camera),
 * east is +x. One metre is one world unit. Everything in renderer/src/scene goes through these
 * two functions so the convention lives in one place.
 */
export function enuToThree(e: number, n: number, u: number, out: Vector3): Vector3 {
  return out.set(e, u, -n);
}

/** `enuToThree` for an `EnuPosition`. */
export function enuPointToThree(p: EnuPosition, out: Vector3): Vector3 {
  return out.set(p.e, p.u, -p.n);
}

/** The inverse: three.js world position back to site ENU metres. */
export function threeToEnu(v: { x: number; y: number; z: number }): EnuPosition {
  return { e: v.x, n: -v.z, u: v.y };
}

/**
 * Rotation about three's +y axis (radians, counter-clockwise seen from above, the three.js sense)
 * that turns an object built pointing along −z (north) to face a compass heading (degrees
 * clockwise from north). Heading 90° (east, +x) gives −π/2.
 */
export function headingToYaw(headingDeg: number): number {
  return (-headingDeg * Math.PI) / 180;
}
