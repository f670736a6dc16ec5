import { ConeGeometry, InstancedMesh, Matrix4, MeshLambertMaterial } from 'three';
import type { PlanePoint } from '../../../../electron/common/site-model.js';
import { insidePolygon, spreadPoints } from '../plane.js';
import { BaseExtension, type SceneContext, type SceneFrame } from '../scene-extension.js';

/**
 * Workers on site as instanced markers, as many as the roster says (`workersOnSite`). The core
 * knows who passed the gate, not where they are, so the markers are spread evenly over the work
 * zones (or, when the site has none, over the buildings' completed tops, where the work is):
 * a sense of how many people are about, not their positions.
 */
export class WorkersExtension extends BaseExtension {
  private mesh: InstancedMesh;
  // A 4-sided cone, 1.8 m tall (8 triangles): 2,000 of them stay cheap even on a CPU rasteriser.
  private readonly geometry = this.own(new ConeGeometry(0.45, 1.8, 4, 1));
  private readonly material: MeshLambertMaterial;
  private readonly areas: Array<{ polygon: readonly PlanePoint[]; heightM: number }>;
  private points = new Float32Array(0);
  private readonly matrix = new Matrix4();
  private readonly polygons: Array<readonly PlanePoint[]>;
  private workersVersion = -1;

  constructor(ctx: SceneContext) {
    super(ctx);
    this.material = this.own(new MeshLambertMaterial({ color: ctx.palette.worker }));
    const work = ctx.model.zones.filter((z) => z.kind === 'work').map((z) => ({ polygon: z.polygon, heightM: 0 }));
    this.areas = work.length
      ? work
      : ctx.model.buildings.map((b) => ({ polygon: b.footprint, heightM: b.completedFloors * b.floorHeightM }));
    if (this.areas.length === 0 && ctx.model.boundary) this.areas.push({ polygon: ctx.model.boundary, heightM: 0 });
    this.polygons = this.areas.map((a) => a.polygon);
    this.mesh = this.allocate(64);
  }

  private allocate(capacity: number): InstancedMesh {
    const mesh = new InstancedMesh(this.geometry, this.material, capacity);
    mesh.count = 0;
    mesh.frustumCulled = false;
    this.root.add(mesh);
    this.points = new Float32Array(capacity * 2);
    return mesh;
  }

  /** How many markers are drawn now. */
  get count(): number {
    return this.mesh.count;
  }

  update(frame: SceneFrame): boolean {
    if (frame.workersVersion === this.workersVersion) return false;
    this.workersVersion = frame.workersVersion;
    const wanted = Math.max(0, Math.floor(frame.live.workersOnSite()));
    if (wanted > this.mesh.instanceMatrix.count) {
      // Grow by doubling: a shift change adds hundreds at once, and reallocation is the only cost.
      this.mesh.removeFromParent();
      this.mesh.dispose();
      let capacity = this.mesh.instanceMatrix.count;
      while (capacity < wanted) capacity *= 2;
      this.mesh = this.allocate(capacity);
    }
    const placed = spreadPoints(this.polygons, wanted, this.points);
    for (let i = 0; i < placed; i++) {
      const e = this.points[2 * i]!;
      const n = this.points[2 * i + 1]!;
      let h = 0;
      for (const area of this.areas) if (insidePolygon(e, n, area.polygon)) h = Math.max(h, area.heightM);
      this.mesh.setMatrixAt(i, this.matrix.makeTranslation(e, h + 0.9, -n));
    }
    this.mesh.count = placed;
    this.mesh.instanceMatrix.needsUpdate = true;
    return false;
  }

  override dispose(): void {
    this.mesh.dispose();
    super.dispose();
  }
}
