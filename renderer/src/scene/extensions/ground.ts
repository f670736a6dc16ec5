import { BufferGeometry, Float32BufferAttribute, GridHelper, LineBasicMaterial, LineLoop, Mesh, MeshLambertMaterial, Object3D, PlaneGeometry, Vector3 } from 'three';
import type { PlanePoint } from '../../../../electron/common/site-model.js';
import { gridStepM } from '../grid-step.js';
import { BaseExtension, type SceneContext, type SceneFrame } from '../scene-extension.js';

/** Extent of the site on the plan: the boundary, or everything placed when there is none. */
export function siteExtent(ctx: SceneContext): { minE: number; maxE: number; minN: number; maxN: number } {
  const points: PlanePoint[] = [...(ctx.model.boundary ?? [])];
  if (points.length === 0) {
    for (const d of ctx.model.devices) points.push(d.position);
    for (const b of ctx.model.buildings) points.push(...b.footprint);
  }
  if (points.length === 0) points.push({ e: -50, n: -50 }, { e: 50, n: 50 });
  let minE = Infinity, maxE = -Infinity, minN = Infinity, maxN = -Infinity;
  for (const p of points) {
    minE = Math.min(minE, p.e); maxE = Math.max(maxE, p.e);
    minN = Math.min(minN, p.n); maxN = Math.max(maxN, p.n);
  }
  return { minE, maxE, minN, maxN };
}

/** The ground plane, a grid (10 m on a plot, coarser on a big site), the boundary and a north mark. Static. */
export class GroundExtension extends BaseExtension {
  /** Metres between grid lines (the view says it, so the grid can be read as a scale). */
  readonly gridStepM: number;

  constructor(ctx: SceneContext) {
    super(ctx);
    const { minE, maxE, minN, maxN } = siteExtent(ctx);
    const margin = 40;
    const width = maxE - minE + 2 * margin;
    const depth = maxN - minN + 2 * margin;
    const centre = new Vector3((minE + maxE) / 2, 0, -(minN + maxN) / 2);

    const plane = new Mesh(this.own(new PlaneGeometry(width, depth)), this.own(new MeshLambertMaterial({ color: ctx.palette.ground })));
    plane.rotation.x = -Math.PI / 2;
    plane.position.copy(centre);
    plane.position.y = -0.05;
    this.root.add(plane);

    this.gridStepM = gridStepM(Math.max(width, depth));
    const size = Math.ceil(Math.max(width, depth) / this.gridStepM) * this.gridStepM;
    const grid = new GridHelper(size, size / this.gridStepM, ctx.palette.grid, ctx.palette.grid);
    this.own(grid.geometry);
    this.own(grid.material as LineBasicMaterial);
    grid.position.set(centre.x, 0, centre.z);
    this.root.add(grid);

    if (ctx.model.boundary && ctx.model.boundary.length >= 2) {
      const positions: number[] = [];
      for (const p of ctx.model.boundary) positions.push(p.e, 0.05, -p.n);
      const geometry = this.own(new BufferGeometry());
      geometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
      this.root.add(new LineLoop(geometry, this.own(new LineBasicMaterial({ color: ctx.palette.boundary }))));
    }

    // North mark on the boundary's north edge: operators orient by it on a rotated view.
    const north = new Object3D();
    north.position.set((minE + maxE) / 2, 0, -(maxN + 6));
    this.root.add(north);
    this.label(north, 's3d-label-north').set(ctx.t('north'));
  }

  update(_frame: SceneFrame): boolean {
    return false;
  }
}
