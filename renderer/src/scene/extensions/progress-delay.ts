import { Color, ExtrudeGeometry, Float32BufferAttribute, Mesh, MeshBasicMaterial, Object3D, Shape, type BufferGeometry } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { DELAY_BAND_COLOURS, type DelayBand } from '../../../../electron/common/progress.js';
import { vertexMean } from '../plane.js';
import { lambertFactor } from '../scene-lighting.js';
import { BaseExtension, type SceneContext, type SceneFrame, type SceneLabel } from '../scene-extension.js';

/** A building's delay as the layer draws it. */
export interface BuildingDelay {
  band: DelayBand;
  delayDays: number;
  /** Floors done (the coloured block's height in floors). */
  completedFloors: number;
  /** The label's words: band and days, so the colour is doubled by a word (ISA-101). */
  text: string;
}

/** Shapes that double the colour in the label: ● on time, ◆ delayed, ■ badly delayed. */
const SHAPES: Record<DelayBand, string> = { 'on-time': '●', delayed: '◆', 'badly-delayed': '■' };

/**
 * Progress layer: each building's completed floors drawn in its delay band's colour (common/
 * progress.ts: DELAY_BANDS, DELAY_BAND_COLOURS — a green and two violets, never an alarm colour)
 * over the grey structure, with a label of band and days half-way up the block. Drawn only while
 * the layer is on; the delays come from the progress API (the view passes them in).
 */
export class ProgressDelayExtension extends BaseExtension {
  private readonly labels: Array<{ label: SceneLabel; text: string }> = [];
  private textVersion = -1;

  constructor(ctx: SceneContext, delays: ReadonlyMap<string, BuildingDelay>) {
    super(ctx);
    const solids: BufferGeometry[] = [];
    for (const building of ctx.model.buildings) {
      const delay = delays.get(building.id);
      if (!delay || building.footprint.length < 3) continue;
      const heightM = delay.completedFloors * building.floorHeightM;
      if (heightM > 0) {
        const shape = new Shape(building.footprint.map((p) => ({ x: p.e, y: p.n }) as never));
        // As in buildings.ts: extrude along the shape's +z, then −90° about x into the scene's axes.
        const solid = new ExtrudeGeometry(shape, { depth: heightM, bevelEnabled: false });
        solid.rotateX(-Math.PI / 2);
        const flat = solid.index ? solid.toNonIndexed() : solid;
        if (flat !== solid) solid.dispose();
        paint(flat, new Color(DELAY_BAND_COLOURS[delay.band]));
        solids.push(flat);
      }
      const anchor = new Object3D();
      const c = vertexMean(building.footprint);
      // Half-way up the coloured block, clear of the building's own label at its top.
      anchor.position.set(c.e, Math.max(1, heightM / 2), -c.n);
      this.root.add(anchor);
      const label = this.label(anchor, 's3d-label-building s3d-label-progress');
      label.element.dataset.band = delay.band;
      label.element.style.borderColor = DELAY_BAND_COLOURS[delay.band];
      this.labels.push({ label, text: `${SHAPES[delay.band]} ${delay.text}` });
    }
    if (solids.length > 0) {
      const merged = this.own(mergeGeometries(solids, false));
      for (const g of solids) g.dispose();
      // Drawn over the grey solids of the same shape: pulled towards the camera in depth.
      const material = this.own(new MeshBasicMaterial({ vertexColors: true, polygonOffset: true, polygonOffsetFactor: -1, polygonOffsetUnits: -4 }));
      this.root.add(new Mesh(merged, material));
    }
  }

  update(frame: SceneFrame): boolean {
    if (frame.textVersion !== this.textVersion) {
      this.textVersion = frame.textVersion;
      for (const { label, text } of this.labels) label.set(text);
    }
    return false;
  }
}

/** Per-vertex colour lit once on the CPU, as the buildings are (scene-lighting.ts); normals dropped. */
function paint(geometry: BufferGeometry, base: Color): void {
  const normals = geometry.getAttribute('normal');
  const colours = new Float32Array(normals.count * 3);
  const f = { r: 0, g: 0, b: 0 };
  for (let v = 0; v < normals.count; v++) {
    lambertFactor(normals.getX(v), normals.getY(v), normals.getZ(v), f);
    colours[v * 3] = base.r * f.r;
    colours[v * 3 + 1] = base.g * f.g;
    colours[v * 3 + 2] = base.b * f.b;
  }
  geometry.setAttribute('color', new Float32BufferAttribute(colours, 3));
  geometry.deleteAttribute('normal');
  geometry.deleteAttribute('uv');
}
