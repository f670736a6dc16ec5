import { BufferAttribute, BufferGeometry, Mesh, type Color, type Material, type Matrix4 } from 'three';
import { lambertFactor, type Rgb } from './scene-lighting.js';

/**
 * Many copies of one small template geometry (a box, a post, a ring) merged into one indexed
 * buffer, each copy with its own transform and colour: one draw call for all of them.
 *
 * Why not `InstancedMesh`: on a GPU the two cost the same at these counts (tens to a few hundred
 * copies, moved at most once a second), but CPU rasterisers — SwiftShader and llvmpipe, which a
 * control-room PC falls back to in a VM, over remote desktop or with a broken driver — run an
 * instanced draw as one draw per instance. Measured with SwiftShader on the stress site: 2,000
 * instanced markers cost ~25 ms a frame, the same triangles merged ~9 ms. Rewriting a few
 * thousand vertices when a reading arrives is cheap on every machine.
 *
 * Colours go into the vertices. With `lit`, each vertex's colour is the copy's colour under the
 * scene's fixed lights for that vertex's normal (see scene-lighting.ts), so the batch draws with
 * an unlit MeshBasicMaterial and still looks shaded; without, colours are flat (pulses, markers).
 * Either way the material is `MeshBasicMaterial({ vertexColors: true })`.
 */
export class GeometryBatch {
  readonly mesh: Mesh;
  readonly capacity: number;
  readonly trianglesPerCopy: number;
  private readonly templatePositions: ArrayLike<number>;
  private readonly templateNormals: ArrayLike<number> | null;
  private readonly vertsPerCopy: number;
  private readonly indicesPerCopy: number;
  private readonly positions: BufferAttribute;
  private readonly colours: BufferAttribute;
  /** World-space normals of every vertex (lit batches only): kept here, never uploaded. */
  private readonly normals: Float32Array | null;
  /** Each copy's own colour (linear RGB), before lighting. */
  private readonly baseColours: Float32Array;
  private readonly factor: Rgb = { r: 1, g: 1, b: 1 };
  private moved = false;
  private recoloured = false;
  private drawn = 0;

  constructor(template: BufferGeometry, material: Material, capacity: number, options: { lit: boolean }) {
    const source = template.index ? template : indexed(template);
    this.capacity = Math.max(capacity, 1);
    this.templatePositions = source.getAttribute('position').array;
    this.vertsPerCopy = source.getAttribute('position').count;
    const templateIndex = source.index!.array;
    this.indicesPerCopy = templateIndex.length;
    this.trianglesPerCopy = this.indicesPerCopy / 3;
    const templateNormals = source.getAttribute('normal')?.array;
    if (options.lit && !templateNormals) throw new Error('GeometryBatch: a lit batch needs a template with normals');
    this.templateNormals = options.lit ? templateNormals! : null;

    const vertices = this.vertsPerCopy * this.capacity;
    const index = vertices > 65535 ? new Uint32Array(this.indicesPerCopy * this.capacity) : new Uint16Array(this.indicesPerCopy * this.capacity);
    for (let c = 0; c < this.capacity; c++) {
      const base = c * this.vertsPerCopy;
      const at = c * this.indicesPerCopy;
      for (let k = 0; k < this.indicesPerCopy; k++) index[at + k] = templateIndex[k]! + base;
    }
    const geometry = new BufferGeometry();
    geometry.setIndex(new BufferAttribute(index, 1));
    this.positions = new BufferAttribute(new Float32Array(vertices * 3), 3).setUsage(35048 /* DynamicDrawUsage */);
    geometry.setAttribute('position', this.positions);
    this.colours = new BufferAttribute(new Float32Array(vertices * 3).fill(1), 3).setUsage(35048);
    geometry.setAttribute('color', this.colours);
    geometry.setDrawRange(0, 0);
    this.normals = options.lit ? new Float32Array(vertices * 3) : null;
    this.baseColours = new Float32Array(this.capacity * 3).fill(1);
    this.mesh = new Mesh(geometry, material);
  }

  /** Copies drawn: the first `count` (the rest stay in the buffer, undrawn and unpickable). */
  get count(): number {
    return this.drawn;
  }

  set count(n: number) {
    this.drawn = Math.max(0, Math.min(Math.floor(n), this.capacity));
    this.mesh.geometry.setDrawRange(0, this.drawn * this.indicesPerCopy);
    this.moved = true;
  }

  /** Places copy `i` with a model matrix (translation, rotation, scale; non-uniform scale is fine). */
  setMatrix(i: number, m: Matrix4): void {
    const e = m.elements;
    const src = this.templatePositions;
    const out = this.positions.array as Float32Array;
    const o = i * this.vertsPerCopy * 3;
    for (let v = 0; v < this.vertsPerCopy * 3; v += 3) {
      const x = src[v]!;
      const y = src[v + 1]!;
      const z = src[v + 2]!;
      out[o + v] = e[0]! * x + e[4]! * y + e[8]! * z + e[12]!;
      out[o + v + 1] = e[1]! * x + e[5]! * y + e[9]! * z + e[13]!;
      out[o + v + 2] = e[2]! * x + e[6]! * y + e[10]! * z + e[14]!;
    }
    this.moved = true;
    if (this.normals) {
      // Turning a part turns its faces to or from the sun: its lit colours change too.
      this.transformNormals(i, e);
      this.writeColours(i);
    }
  }

  /** Colours copy `i` (linear working colour space, as `Color` holds it). */
  setColor(i: number, colour: Color): void {
    this.baseColours[i * 3] = colour.r;
    this.baseColours[i * 3 + 1] = colour.g;
    this.baseColours[i * 3 + 2] = colour.b;
    this.writeColours(i);
  }

  /** Which copy a raycast hit's triangle (`faceIndex`) belongs to. */
  copyOfFace(faceIndex: number): number {
    return Math.floor(faceIndex / this.trianglesPerCopy);
  }

  /** Uploads what changed since the last call; call once after a round of `set…`. */
  commit(): void {
    // Only the drawn copies go up: a batch sized for 256 pulses showing 10 uploads 10.
    const used = this.drawn * this.vertsPerCopy * 3;
    if (this.moved) {
      this.positions.clearUpdateRanges();
      this.positions.addUpdateRange(0, used);
      this.positions.needsUpdate = true;
      // Recomputed on demand (frustum culling, picking) from the new positions.
      this.mesh.geometry.boundingSphere = null;
      this.mesh.geometry.boundingBox = null;
      this.moved = false;
    }
    if (this.recoloured) {
      this.colours.clearUpdateRanges();
      this.colours.addUpdateRange(0, used);
      this.colours.needsUpdate = true;
      this.recoloured = false;
    }
  }

  dispose(): void {
    this.mesh.geometry.dispose();
  }

  private writeColours(i: number): void {
    const out = this.colours.array as Float32Array;
    const r = this.baseColours[i * 3]!;
    const g = this.baseColours[i * 3 + 1]!;
    const b = this.baseColours[i * 3 + 2]!;
    const start = i * this.vertsPerCopy * 3;
    const end = start + this.vertsPerCopy * 3;
    const normals = this.normals;
    for (let o = start; o < end; o += 3) {
      if (normals) {
        const f = lambertFactor(normals[o]!, normals[o + 1]!, normals[o + 2]!, this.factor);
        out[o] = r * f.r;
        out[o + 1] = g * f.g;
        out[o + 2] = b * f.b;
      } else {
        out[o] = r;
        out[o + 1] = g;
        out[o + 2] = b;
      }
    }
    this.recoloured = true;
  }

  /** Normals go through the inverse transpose of the upper 3×3 (right under non-uniform scale). */
  private transformNormals(i: number, e: ArrayLike<number>): void {
    const a = e[0]!, b = e[4]!, c = e[8]!;
    const d = e[1]!, f = e[5]!, g = e[9]!;
    const h = e[2]!, k = e[6]!, l = e[10]!;
    // Cofactor matrix = det · inverse transpose; the determinant's scale drops out on normalising.
    const n00 = f * l - g * k, n01 = -(d * l - g * h), n02 = d * k - f * h;
    const n10 = -(b * l - c * k), n11 = a * l - c * h, n12 = -(a * k - b * h);
    const n20 = b * g - c * f, n21 = -(a * g - c * d), n22 = a * f - b * d;
    // A mirroring transform (negative determinant) would turn the normals inwards: flip them back.
    const sign = a * n00 + b * n01 + c * n02 < 0 ? -1 : 1;
    const src = this.templateNormals!;
    const out = this.normals!;
    const o = i * this.vertsPerCopy * 3;
    for (let v = 0; v < this.vertsPerCopy * 3; v += 3) {
      const x = src[v]!;
      const y = src[v + 1]!;
      const z = src[v + 2]!;
      const nx = n00 * x + n01 * y + n02 * z;
      const ny = n10 * x + n11 * y + n12 * z;
      const nz = n20 * x + n21 * y + n22 * z;
      const len = (Math.hypot(nx, ny, nz) || 1) * sign;
      out[o + v] = nx / len;
      out[o + v + 1] = ny / len;
      out[o + v + 2] = nz / len;
    }
  }
}

/** A non-indexed template gets the trivial index (0, 1, 2, …). */
function indexed(geometry: BufferGeometry): BufferGeometry {
  const copy = geometry.clone();
  const n = copy.getAttribute('position').count;
  copy.setIndex(Array.from({ length: n }, (_, i) => i));
  return copy;
}
