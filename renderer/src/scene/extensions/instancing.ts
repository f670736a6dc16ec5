import { BoxGeometry, InstancedMesh, Matrix4, Quaternion, Vector3, type Material } from 'three';
import type { EnuPosition } from '../../../../electron/common/site.js';

/** A 1 m cube centred on the origin: every box-shaped part is this, scaled per instance. */
export function unitBox(): BoxGeometry {
  return new BoxGeometry(1, 1, 1);
}

const FORWARD = new Vector3(0, 0, 1);
const start = new Vector3();
const end = new Vector3();
const dir = new Vector3();
const quat = new Quaternion();
const scl = new Vector3();
const matrix = new Matrix4();

/**
 * Places instance `index` of a unit-box InstancedMesh along an ENU segment with a `widthM` ×
 * `heightM` cross-section (x = e, y = u, z = −n). Uses module scratch objects: no allocation.
 */
export function setSegmentInstance(mesh: InstancedMesh, index: number, a: EnuPosition, b: EnuPosition, widthM: number, heightM: number): void {
  start.set(a.e, a.u, -a.n);
  end.set(b.e, b.u, -b.n);
  dir.subVectors(end, start);
  const length = dir.length();
  if (length > 1e-6) quat.setFromUnitVectors(FORWARD, dir.divideScalar(length));
  else quat.identity();
  scl.set(widthM, heightM, Math.max(length, 1e-3));
  matrix.compose(start.add(end).multiplyScalar(0.5), quat, scl);
  mesh.setMatrixAt(index, matrix);
}

/** Places instance `index` as an axis-aligned box of the given size centred at an ENU point. */
export function setBoxInstance(mesh: InstancedMesh, index: number, e: number, n: number, u: number, sx: number, sy: number, sz: number): void {
  quat.identity();
  start.set(e, u, -n);
  scl.set(sx, sy, sz);
  matrix.compose(start, quat, scl);
  mesh.setMatrixAt(index, matrix);
}

/** A dynamic InstancedMesh: marked for frequent updates, culled by nothing (instances move). */
export function dynamicInstances(geometry: BoxGeometry, material: Material, count: number): InstancedMesh {
  const mesh = new InstancedMesh(geometry, material, Math.max(count, 1));
  mesh.count = count;
  mesh.frustumCulled = false;
  mesh.instanceMatrix.setUsage(35048 /* DynamicDrawUsage */);
  return mesh;
}

/** After moving instances: flags the GPU upload and forgets the bounds so picking recomputes them. */
export function instancesMoved(mesh: InstancedMesh): void {
  mesh.instanceMatrix.needsUpdate = true;
  if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
  mesh.boundingSphere = null;
  mesh.boundingBox = null;
}
