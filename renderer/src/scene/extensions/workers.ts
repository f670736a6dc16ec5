import { BufferAttribute, BufferGeometry, Mesh, ShaderMaterial, Vector2, type Camera, type PerspectiveCamera, type WebGLRenderer } from 'three';
import type { PlanePoint } from '../../../../electron/common/site-model.js';
import { insidePolygon, spreadPoints } from '../plane.js';
import { BaseExtension, type SceneContext, type SceneFrame } from '../scene-extension.js';

/** A marker's size on the ground, metres (about a person seen from above), and its floor on screen, px. */
export const WORKER_MARKER_M = 1.4;
export const WORKER_MARKER_MIN_PX = 3;

/**
 * Each worker is one triangle, pointing up, turned to face the camera in the vertex shader (a
 * billboard): every vertex carries the worker's position and its corner of the triangle.
 */
const CORNERS = [-0.5, -0.5, 0.5, -0.5, 0, 0.5];

const VERTEX_SHADER = /* glsl */ `
attribute vec2 corner;
uniform float sizeM;
uniform float pxPerMAtUnitDistance;
uniform float minPx;
void main() {
  vec4 mv = modelViewMatrix * vec4(position, 1.0);
  // World size, grown far away so the marker never drops below minPx on screen.
  float size = max(sizeM, minPx * -mv.z / pxPerMAtUnitDistance);
  mv.xy += corner * size;
  gl_Position = projectionMatrix * mv;
}`;

const FRAGMENT_SHADER = /* glsl */ `
uniform vec3 colour;
void main() {
  gl_FragColor = vec4(colour, 1.0);
  #include <colorspace_fragment>
}`;

/**
 * Workers on site as one batch of camera-facing triangles, as many as the roster says (`workersOnSite`). The core
 * knows who passed the gate, not where they are, so the dots are spread evenly over the work
 * zones (or, when the site has none, over the buildings' completed tops, where the work is):
 * a sense of how many people are about, not their positions.
 *
 * One triangle per worker in one draw: the cheapest repeated geometry there is on a GPU and on a
 * CPU rasteriser alike (SwiftShader: 2,000 instanced cones ~25 ms a frame, 2,000 GL points ~4 ms,
 * these triangles ~1 ms). Markers keep a minimum size on screen so a crowd stays visible from
 * the overview.
 */
export class WorkersExtension extends BaseExtension {
  private geometry = new BufferGeometry();
  private readonly material: ShaderMaterial;
  private readonly markers: Mesh;
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
    this.markers = new Mesh(this.geometry, this.material);
    this.markers.frustumCulled = false;
    this.markers.onBeforeRender = this.scaleToScreen;
    this.allocate(64);
    this.root.add(this.markers);
  }

  /** How many markers are drawn now. */
  get count(): number {
    return this.geometry.drawRange.count / 3;
  }

  update(frame: SceneFrame): boolean {
    if (frame.workersVersion === this.workersVersion) return false;
    this.workersVersion = frame.workersVersion;
    const wanted = Math.max(0, Math.floor(frame.live.workersOnSite()));
    // Grow by doubling: a shift change adds hundreds at once, and reallocation is the only cost.
    if (wanted > this.positions.count / 3) {
      let capacity = this.positions.count / 3;
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
      for (let k = 0; k < 3; k++) {
        out[9 * i + 3 * k] = e;
        out[9 * i + 3 * k + 1] = h + 0.9;
        out[9 * i + 3 * k + 2] = -n;
      }
    }
    this.geometry.setDrawRange(0, placed * 3);
    this.positions.needsUpdate = true;
    return false;
  }

  private allocate(capacity: number): void {
    // A new geometry, the old one disposed: three.js frees a GPU buffer only with its geometry.
    this.geometry.dispose();
    this.geometry = new BufferGeometry();
    this.positions = new BufferAttribute(new Float32Array(capacity * 9), 3).setUsage(35048 /* DynamicDrawUsage */);
    this.geometry.setAttribute('position', this.positions);
    const corners = new Float32Array(capacity * 6);
    for (let i = 0; i < capacity; i++) corners.set(CORNERS, i * 6);
    this.geometry.setAttribute('corner', new BufferAttribute(corners, 2));
    this.geometry.setDrawRange(0, 0);
    this.markers.geometry = this.geometry;
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
