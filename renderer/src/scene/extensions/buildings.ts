import { BufferGeometry, EdgesGeometry, ExtrudeGeometry, Float32BufferAttribute, LineBasicMaterial, LineSegments, Mesh, MeshBasicMaterial, Object3D, Shape, type Intersection, type Vector3 } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { SiteModel } from '../../../../electron/common/site-model.js';
import { vertexMean } from '../plane.js';
import { lambertFactor } from '../scene-lighting.js';
import { BaseExtension, type SceneContext, type SceneFrame, type SceneLabel, type ScenePick } from '../scene-extension.js';

type Building = SiteModel['buildings'][number];

/** Planned floors are outlined every this many floors (and at the top). */
export const PLANNED_OUTLINE_EVERY = 5;

/**
 * Buildings under construction: completed floors as a solid block with its floor lines, planned
 * floors above as a faint wireframe (an outline every PLANNED_OUTLINE_EVERY floors and at the top,
 * plus the corners). Every planned floor outlined reads as a grey hatch at wall distance, and each
 * line costs a CPU rasteriser as much as a small mesh; the label gives the exact count.
 */
export class BuildingsExtension extends BaseExtension {
  private readonly labels: Array<{ label: SceneLabel; building: Building }> = [];
  private textVersion = -1;

  /** First triangle of each building's solid in the merged mesh, ascending, for picking. */
  private readonly solidStarts: Array<{ firstTriangle: number; id: string }> = [];

  constructor(ctx: SceneContext) {
    super(ctx);
    // All buildings share three draws (solids, their edges and completed floor lines, planned
    // floors): a site with many blocks costs what a site with one does.
    const solids: BufferGeometry[] = [];
    const edges: number[] = [];
    const planned: number[] = [];
    let triangles = 0;
    for (const building of ctx.model.buildings) {
      if (building.footprint.length < 3) continue;
      const completedM = building.completedFloors * building.floorHeightM;
      const plannedM = Math.max(building.plannedFloors, building.completedFloors) * building.floorHeightM;
      if (completedM > 0) {
        const shape = new Shape(building.footprint.map((p) => ({ x: p.e, y: p.n }) as never));
        // Extrusion goes along +z of the shape's (e, n) plane; −90° about x turns (e, n, h) into
        // three's (x = e, y = h, z = −n), the scene's axis convention.
        const solid = new ExtrudeGeometry(shape, { depth: completedM, bevelEnabled: false });
        solid.rotateX(-Math.PI / 2);
        const outline = new EdgesGeometry(solid);
        edges.push(...(outline.getAttribute('position').array as Float32Array));
        outline.dispose();
        const flat = solid.index ? solid.toNonIndexed() : solid;
        this.solidStarts.push({ firstTriangle: triangles, id: building.id });
        triangles += flat.getAttribute('position').count / 3;
        solids.push(flat);
        if (flat !== solid) solid.dispose();
      }
      // Floor outlines: completed ones on the solid (with its edges), planned ones as wireframe.
      const fp = building.footprint;
      for (let floor = 1; floor <= Math.max(building.plannedFloors, building.completedFloors); floor++) {
        const h = floor * building.floorHeightM;
        const isPlanned = floor > building.completedFloors;
        const top = floor === Math.max(building.plannedFloors, building.completedFloors);
        if (isPlanned && !top && floor % PLANNED_OUTLINE_EVERY !== 0) continue;
        const target = isPlanned ? planned : edges;
        for (let i = 0; i < fp.length; i++) {
          const a = fp[i]!;
          const b = fp[(i + 1) % fp.length]!;
          target.push(a.e, h, -a.n, b.e, h, -b.n);
        }
      }
      if (plannedM > completedM) {
        for (const p of fp) planned.push(p.e, completedM, -p.n, p.e, plannedM, -p.n);
      }
      const anchor = new Object3D();
      const c = vertexMean(fp);
      anchor.position.set(c.e, completedM + 2, -c.n);
      this.root.add(anchor);
      this.labels.push({ label: this.label(anchor, 's3d-label-building'), building });
    }
    if (solids.length > 0) {
      const merged = this.own(mergeGeometries(solids, false));
      for (const g of solids) g.dispose();
      // Lit once on the CPU (flat faces under fixed lights: see scene-lighting.ts), drawn unlit.
      const normals = merged.getAttribute('normal');
      const colours = new Float32Array(normals.count * 3);
      const base = ctx.palette.structure;
      const f = { r: 0, g: 0, b: 0 };
      for (let v = 0; v < normals.count; v++) {
        lambertFactor(normals.getX(v), normals.getY(v), normals.getZ(v), f);
        colours[v * 3] = base.r * f.r;
        colours[v * 3 + 1] = base.g * f.g;
        colours[v * 3 + 2] = base.b * f.b;
      }
      merged.setAttribute('color', new Float32BufferAttribute(colours, 3));
      merged.deleteAttribute('normal');
      merged.deleteAttribute('uv');
      const mesh = new Mesh(merged, this.own(new MeshBasicMaterial({ vertexColors: true })));
      this.root.add(mesh);
      this.pickables.push(mesh);
    }
    const edgeMaterial = this.own(new LineBasicMaterial({ color: ctx.palette.structureEdge }));
    const plannedMaterial = this.own(new LineBasicMaterial({ color: ctx.palette.planned, transparent: true, opacity: 0.45 }));
    for (const [positions, material] of [
      [edges, edgeMaterial],
      [planned, plannedMaterial],
    ] as const) {
      if (positions.length === 0) continue;
      const geometry = this.own(new BufferGeometry());
      geometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
      this.root.add(new LineSegments(geometry, material));
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

  override pick(hit: Intersection): ScenePick | null {
    if (hit.faceIndex == null) return null;
    let id: string | null = null;
    for (const start of this.solidStarts) if (start.firstTriangle <= hit.faceIndex) id = start.id;
    return id ? { kind: 'device', id } : null;
  }

  override focusOf(id: string, out: Vector3): number | null {
    const building = this.ctx.model.buildings.find((b) => b.id === id);
    if (!building) return null;
    const c = vertexMean(building.footprint);
    out.set(c.e, (building.completedFloors * building.floorHeightM) / 2, -c.n);
    return 40;
  }
}
