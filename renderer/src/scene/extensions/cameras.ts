import { BufferGeometry, DoubleSide, Float32BufferAttribute, LineBasicMaterial, LineSegments, Matrix4, Mesh, MeshBasicMaterial, type Intersection, type Vector3 } from 'three';
import type { EnuPosition } from '../../../../electron/common/site.js';
import type { SiteModel } from '../../../../electron/common/site-model.js';
import { frustumCorners } from '../frustum.js';
import { BaseExtension, type SceneContext, type SceneFrame, type ScenePick } from '../scene-extension.js';
import { GeometryBatch } from '../geometry-batch.js';
import { boxMatrix, unitBox } from './box-placement.js';

/** How far out the view pyramid is drawn, metres: long enough to show where a camera looks. */
export const FRUSTUM_RANGE_M = 14;
/** Triangles per camera in the pick/face mesh: four sides and the far face (two). */
const TRIANGLES_PER_CAMERA = 6;
const BODY_M = 0.9;

type Camera = SiteModel['cameras'][number];

/**
 * Site cameras: a body and its view pyramid (from position, heading, pitch and field of view),
 * all cameras merged into one body batch, one line set and one faint face mesh (three draws). A click on a pyramid opens that
 * camera's video.
 */
export class CamerasExtension extends BaseExtension {
  private readonly cameras: Camera[];
  private readonly bodies: GeometryBatch;

  constructor(ctx: SceneContext) {
    super(ctx);
    this.cameras = ctx.model.cameras;
    const lines: number[] = [];
    const faces: number[] = [];
    const corners: EnuPosition[] = [0, 1, 2, 3].map(() => ({ e: 0, n: 0, u: 0 }));
    const push = (out: number[], p: EnuPosition) => out.push(p.e, p.u, -p.n);
    const bodies = (this.bodies = new GeometryBatch(this.own(unitBox()), this.own(new MeshBasicMaterial({ vertexColors: true })), this.cameras.length, { lit: true }));
    bodies.count = this.cameras.length;
    const m = new Matrix4();
    this.cameras.forEach((camera, i) => {
      frustumCorners(camera, FRUSTUM_RANGE_M, 16 / 9, corners);
      const apex = camera.position;
      for (let k = 0; k < 4; k++) {
        const a = corners[k]!;
        const b = corners[(k + 1) % 4]!;
        // The four edges from the lens only: the far face shows as the faint face mesh, and
        // 200 more line segments on a 50-camera site are what a CPU rasteriser feels most.
        push(lines, apex); push(lines, a);
        push(faces, apex); push(faces, a); push(faces, b);
      }
      push(faces, corners[0]!); push(faces, corners[1]!); push(faces, corners[2]!);
      push(faces, corners[0]!); push(faces, corners[2]!); push(faces, corners[3]!);
      bodies.setMatrix(i, boxMatrix(apex.e, apex.n, apex.u, BODY_M, BODY_M, BODY_M, m));
      bodies.setColor(i, ctx.palette.camera);
    });
    bodies.commit();
    const lineGeometry = this.own(new BufferGeometry());
    lineGeometry.setAttribute('position', new Float32BufferAttribute(lines, 3));
    this.root.add(new LineSegments(lineGeometry, this.own(new LineBasicMaterial({ color: ctx.palette.camera }))));
    const faceGeometry = this.own(new BufferGeometry());
    faceGeometry.setAttribute('position', new Float32BufferAttribute(faces, 3));
    const faceMesh = new Mesh(faceGeometry, this.own(new MeshBasicMaterial({ color: ctx.palette.camera, transparent: true, opacity: 0.1, side: DoubleSide, depthWrite: false })));
    faceMesh.name = 'camera-frustums';
    this.root.add(faceMesh, bodies.mesh);
    this.pickables.push(faceMesh, bodies.mesh);
  }

  /** Static: no labels (50 camera names would bury the overview); the cone itself is the link. */
  update(_frame: SceneFrame): boolean {
    return false;
  }

  override pick(hit: Intersection): ScenePick | null {
    if (hit.faceIndex == null) return null;
    const index = hit.object === this.bodies.mesh ? this.bodies.copyOfFace(hit.faceIndex) : Math.floor(hit.faceIndex / TRIANGLES_PER_CAMERA);
    const camera = this.cameras[index];
    return camera ? { kind: 'camera', id: camera.id } : null;
  }

  /** A point inside the camera's view pyramid (60 % along its axis), ENU metres: a sure click target. */
  pyramidPoint(id: string): EnuPosition | null {
    const camera = this.cameras.find((c) => c.id === id);
    if (!camera) return null;
    const corners = frustumCorners(camera, FRUSTUM_RANGE_M);
    const f = 0.6;
    const centre = { e: 0, n: 0, u: 0 };
    for (const c of corners) {
      centre.e += c.e / 4;
      centre.n += c.n / 4;
      centre.u += c.u / 4;
    }
    const p = camera.position;
    return { e: p.e + f * (centre.e - p.e), n: p.n + f * (centre.n - p.n), u: p.u + f * (centre.u - p.u) };
  }

  override dispose(): void {
    this.bodies.dispose();
    super.dispose();
  }

  override focusOf(id: string, out: Vector3): number | null {
    const point = this.pyramidPoint(id);
    if (!point) return null;
    out.set(point.e, point.u, -point.n);
    return 30;
  }
}
