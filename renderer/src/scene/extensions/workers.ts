import { BufferAttribute, BufferGeometry, Points, ShaderMaterial, Vector2, type Camera, type PerspectiveCamera, type WebGLRenderer } from 'three';
import type { PlanePoint } from '../../../../electron/common/site-model.js';
import { insidePolygon, spreadPoints } from '../plane.js';
import { BaseExtension, type SceneContext, type SceneFrame } from '../scene-extension.js';

/** A marker's size on the ground, metres (about a person seen from above), and its floor on screen, px. */
export const WORKER_MARKER_M = 1.4;
export const WORKER_MARKER_MIN_PX = 3;

const VERTEX_SHADER = /* glsl */ `
uniform float sizeM;
uniform float pxPerMAtUnitDistance;
uniform float minPx;
void main() {
  vec4 mv = modelViewMatrix * vec4(position, 1.0);
  gl_Position = projectionMatrix * mv;
  gl_PointSize = max(minPx, sizeM * pxPerMAtUnitDistance / -mv.z);
}`;

const FRAGMENT_SHADER = /* glsl */ `
uniform vec3 colour;
void main() {
  vec2 d = gl_PointCoord - 0.5;
  if (dot(d, d) > 0.25) discard;
  gl_FragColor = vec4(colour, 1.0);
  #include <colorspace_fragment>
}`;

/**
 * Workers on site as one point cloud, as many dots as the roster says (`workersOnSite`). The core
 * knows who passed the gate, not where they are, so the dots are spread evenly over the work
 * zones (or, when the site has none, over the buildings' completed tops, where the work is):
 * a sense of how many people are about, not their positions.
 *
 * One vertex per worker in one draw: the cheapest repeated geometry there is, on a GPU and on a
 * CPU rasteriser alike (2,000 instanced cones cost SwiftShader ~25 ms a frame; see GeometryBatch).
 * Dots keep a minimum size on screen so a crowd stays visible from the overview.
 */
export class WorkersExtension extends BaseExtension {
  private geometry = new BufferGeometry();
  private readonly material: ShaderMaterial;
  private readonly points: Points;
  private readonly areas: Array<{ polygon: readonly PlanePoint[]; heightM: number }>;
  private readonly polygons: Array<readonly PlanePoint[]>;
  private plane = new Float32Array(0);
  private positions = new BufferAttribute(new Float32Array(0), 3);
  private workersVersion = -1;
  private readonly bufferSize = new Vector2();

  constructor(ctx: SceneContext) {
    super(ctx);
    this.material = this.own(
      new ShaderMaterial({
        vertexShader: VERTEX_SHADER,
        fragmentShader: FRAGMENT_SHADER,
        uniforms: { sizeM: { value: WORKER_MARKER_M }, pxPerMAtUnitDistance: { value: 1 }, minPx: { value: WORKER_MARKER_MIN_PX }, colour: { value: ctx.palette.worker } },
      }),
    );
    const work = ctx.model.zones.filter((z) => z.kind === 'work').map((z) => ({ polygon: z.polygon, heightM: 0 }));
    this.areas = work.length
      ? work
      : ctx.model.buildings.map((b) => ({ polygon: b.footprint, heightM: b.completedFloors * b.floorHeightM }));
    if (this.areas.length === 0 && ctx.model.boundary) this.areas.push({ polygon: ctx.model.boundary, heightM: 0 });
    this.polygons = this.areas.map((a) => a.polygon);
    this.points = new Points(this.geometry, this.material);
    this.points.frustumCulled = false;
    this.points.onBeforeRender = this.scaleToScreen;
    this.allocate(64);
    this.root.add(this.points);
  }

  /** How many markers are drawn now. */
  get count(): number {
    return this.geometry.drawRange.count;
  }

  update(frame: SceneFrame): boolean {
    if (frame.workersVersion === this.workersVersion) return false;
    this.workersVersion = frame.workersVersion;
    const wanted = Math.max(0, Math.floor(frame.live.workersOnSite()));
    // Grow by doubling: a shift change adds hundreds at once, and reallocation is the only cost.
    if (wanted > this.positions.count) {
      let capacity = this.positions.count;
      while (capacity < wanted) capacity *= 2;
      this.allocate(capacity);
    }
    const placed = spreadPoints(this.polygons, wanted, this.plane);
    const out = this.positions.array as Float32Array;
    for (let i = 0; i < placed; i++) {
      const e = this.plane[2 * i]!;
      const n = this.plane[2 * i + 1]!;
      let h = 0;
      for (const area of this.areas) if (insidePolygon(e, n, area.polygon)) h = Math.max(h, area.heightM);
      out[3 * i] = e;
      out[3 * i + 1] = h + 0.9;
      out[3 * i + 2] = -n;
    }
    this.geometry.setDrawRange(0, placed);
    this.positions.needsUpdate = true;
    return false;
  }

  private allocate(capacity: number): void {
    // A new geometry, the old one disposed: three.js frees a GPU buffer only with its geometry.
    this.geometry.dispose();
    this.geometry = new BufferGeometry();
    this.positions = new BufferAttribute(new Float32Array(capacity * 3), 3).setUsage(35048 /* DynamicDrawUsage */);
    this.geometry.setAttribute('position', this.positions);
    this.geometry.setDrawRange(0, 0);
    this.points.geometry = this.geometry;
    this.plane = new Float32Array(capacity * 2);
  }

  override dispose(): void {
    this.geometry.dispose();
    super.dispose();
  }

  /** Pixels per metre at unit distance, for the current drawing buffer and field of view. */
  private readonly scaleToScreen = (renderer: WebGLRenderer, _scene: unknown, camera: Camera): void => {
    const fovDeg = (camera as PerspectiveCamera).fov ?? 45;
    renderer.getDrawingBufferSize(this.bufferSize);
    this.material.uniforms.pxPerMAtUnitDistance!.value = this.bufferSize.y / (2 * Math.tan((fovDeg * Math.PI) / 360));
  };
}
