import { BoxGeometry, Matrix4, Quaternion, Vector3 } from 'three';
import type { EnuPosition } from '../../../../electron/common/site.js';

/** A 1 m cube centred on the origin: every box-shaped part is this, scaled and placed. */
export function unitBox(): BoxGeometry {
  return new BoxGeometry(1, 1, 1);
}

const FORWARD = new Vector3(0, 0, 1);
const start = new Vector3();
const end = new Vector3();
const dir = new Vector3();
const quat = new Quaternion();
const scl = new Vector3();

/**
 * The matrix that lays a unit box along an ENU segment with a `widthM` × `heightM` cross-section
 * (x = e, y = u, z = −n). Writes into `out`; module scratch objects, no allocation.
 */
export function segmentMatrix(a: EnuPosition, b: EnuPosition, widthM: number, heightM: number, out: Matrix4): Matrix4 {
  start.set(a.e, a.u, -a.n);
  end.set(b.e, b.u, -b.n);
  dir.subVectors(end, start);
  const length = dir.length();
  if (length > 1e-6) quat.setFromUnitVectors(FORWARD, dir.divideScalar(length));
  else quat.identity();
  scl.set(widthM, heightM, Math.max(length, 1e-3));
  return out.compose(start.add(end).multiplyScalar(0.5), quat, scl);
}

/** The matrix of an axis-aligned box of the given size centred at an ENU point. */
export function boxMatrix(e: number, n: number, u: number, sx: number, sy: number, sz: number, out: Matrix4): Matrix4 {
  return out.makeScale(sx, sy, sz).setPosition(e, u, -n);
}
