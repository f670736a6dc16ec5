import { BufferGeometry, EdgesGeometry, ExtrudeGeometry, Float32BufferAttribute, LineBasicMaterial, LineSegments, Mesh, MeshLambertMaterial, Object3D, Shape, Vector3 } from 'three';
import type { SiteModel } from '../../../../electron/common/site-model.js';
import { BaseExtension, type SceneContext, type SceneFrame, type SceneLabel } from '../scene-extension.js';

type Building = SiteModel['buildings'][number];

/**
 * Buildings under construction: completed floors as a solid block with its floor lines, planned
 * floors above as a faint wireframe (one outline per floor plus the corners).
 */
export class BuildingsExtension extends BaseExtension {
  private readonly labels: Array<{ label: SceneLabel; building: Building }> = [];
  private textVersion = -1;

  constructor(ctx: SceneContext) {
    super(ctx);
    const solidMaterial = this.own(new MeshLambertMaterial({ color: ctx.palette.structure }));
    const edgeMaterial = this.own(new LineBasicMaterial({ color: ctx.palette.structureEdge }));
    const plannedMaterial = this.own(new LineBasicMaterial({ color: ctx.palette.planned, transparent: true, opacity: 0.45 }));
    for (const building of ctx.model.buildings) {
      if (building.footprint.length < 3) continue;
      const completedM = building.completedFloors * building.floorHeightM;
      const plannedM = Math.max(building.plannedFloors, building.completedFloors) * building.floorHeightM;
      if (completedM > 0) {
        const shape = new Shape(building.footprint.map((p) => ({ x: p.e, y: p.n }) as never));
        // Extrusion goes along +z of the shape's (e, n) plane; −90° about x turns (e, n, h) into
        // three's (x = e, y = h, z = −n), the scene's axis convention.
        const solid = this.own(new ExtrudeGeometry(shape, { depth: completedM, bevelEnabled: false }));
        solid.rotateX(-Math.PI / 2);
        const mesh = new Mesh(solid, solidMaterial);
        mesh.userData.deviceId = building.id;
        this.root.add(mesh);
        this.pickables.push(mesh);
        this.root.add(new LineSegments(this.own(new EdgesGeometry(solid)), edgeMaterial));
      }
      // Floor outlines: completed ones on the solid (solid edges), planned ones as wireframe.
      const completed: number[] = [];
      const planned: number[] = [];
      const fp = building.footprint;
      for (let floor = 1; floor <= Math.max(building.plannedFloors, building.completedFloors); floor++) {
        const h = floor * building.floorHeightM;
        const target = floor <= building.completedFloors ? completed : planned;
        for (let i = 0; i < fp.length; i++) {
          const a = fp[i]!;
          const b = fp[(i + 1) % fp.length]!;
          target.push(a.e, h, -a.n, b.e, h, -b.n);
        }
      }
      if (plannedM > completedM) {
        for (const p of fp) planned.push(p.e, completedM, -p.n, p.e, plannedM, -p.n);
      }
      for (const [positions, material] of [
        [completed, edgeMaterial],
        [planned, plannedMaterial],
      ] as const) {
        if (positions.length === 0) continue;
        const geometry = this.own(new BufferGeometry());
        geometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
        this.root.add(new LineSegments(geometry, material));
      }
      const anchor = new Object3D();
      const c = centroid(fp);
      anchor.position.set(c.x, completedM + 2, c.z);
      this.root.add(anchor);
      this.labels.push({ label: this.label(anchor, 's3d-label-building'), building });
    }
  }

  update(frame: SceneFrame): boolean {
    if (frame.textVersion !== this.textVersion) {
      this.textVersion = frame.textVersion;
      for (const { label, building } of this.labels) {
        label.set(`${building.name}\n${this.ctx.t('floors', { completed: building.completedFloors, planned: building.plannedFloors })}`);
      }
    }
    return false;
  }

  override focusOf(id: string, out: Vector3): number | null {
    const building = this.ctx.model.buildings.find((b) => b.id === id);
    if (!building) return null;
    const c = centroid(building.footprint);
    out.set(c.x, (building.completedFloors * building.floorHeightM) / 2, c.z);
    return 40;
  }
}

function centroid(points: readonly { e: number; n: number }[]): Vector3 {
  let e = 0;
  let n = 0;
  for (const p of points) {
    e += p.e;
    n += p.n;
  }
  return new Vector3(e / points.length, 0, -n / points.length);
}
