import { BoxGeometry, type BufferAttribute, Color, Matrix4, MeshBasicMaterial, Raycaster, RingGeometry, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { boxMatrix, segmentMatrix } from '../../../../renderer/src/scene/extensions/box-placement.js';
import { gridStepM, MAX_GRID_LINES } from '../../../../renderer/src/scene/grid-step.js';
import { GeometryBatch } from '../../../../renderer/src/scene/geometry-batch.js';
import { lambertFactor } from '../../../../renderer/src/scene/scene-lighting.js';

const material = () => new MeshBasicMaterial({ vertexColors: true });

function positionsOf(batch: GeometryBatch, copy: number, vertsPerCopy: number): Vector3[] {
  const a = batch.mesh.geometry.getAttribute('position');
  return Array.from({ length: vertsPerCopy }, (_, v) => new Vector3().fromBufferAttribute(a, copy * vertsPerCopy + v));
}

function colourOf(batch: GeometryBatch, vertex: number): [number, number, number] {
  const c = batch.mesh.geometry.getAttribute('color');
  return [c.getX(vertex), c.getY(vertex), c.getZ(vertex)];
}

describe('GeometryBatch: many copies, one draw', () => {
  it('places each copy by its matrix (ENU → x = e, y = u, z = −n)', () => {
    const batch = new GeometryBatch(new BoxGeometry(1, 1, 1), material(), 3, { lit: false });
    batch.count = 3;
    batch.setMatrix(1, boxMatrix(10, 20, 5, 2, 4, 6, new Matrix4()));
    const points = positionsOf(batch, 1, 24);
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const zs = points.map((p) => p.z);
    expect([Math.min(...xs), Math.max(...xs)]).toEqual([9, 11]);
    expect([Math.min(...ys), Math.max(...ys)]).toEqual([3, 7]);
    expect([Math.min(...zs), Math.max(...zs)]).toEqual([-23, -17]);
    // Copy 0 was never placed: still at the template's origin-sized spot, untouched by copy 1.
    expect(Math.max(...positionsOf(batch, 0, 24).map((p) => Math.abs(p.x)))).toBe(0);
  });

  it('lays a segment box from one end to the other', () => {
    const batch = new GeometryBatch(new BoxGeometry(1, 1, 1), material(), 1, { lit: false });
    batch.count = 1;
    batch.setMatrix(0, segmentMatrix({ e: 0, n: 0, u: 40 }, { e: 30, n: 40, u: 40 }, 1, 1, new Matrix4()));
    const points = positionsOf(batch, 0, 24);
    // 50 m long along (e 0.6, n 0.8): the ends' centres project to 0 and 50 on that axis.
    const along = points.map((p) => p.x * 0.6 + -p.z * 0.8);
    expect(Math.min(...along)).toBeCloseTo(0, 5);
    expect(Math.max(...along)).toBeCloseTo(50, 5);
  });

  it('picks the copy a ray hits, and only among the drawn copies', () => {
    const batch = new GeometryBatch(new BoxGeometry(1, 1, 1), material(), 4, { lit: false });
    const m = new Matrix4();
    for (let i = 0; i < 4; i++) batch.setMatrix(i, boxMatrix(i * 10, 0, 0, 2, 2, 2, m));
    batch.count = 4;
    batch.commit();
    const ray = new Raycaster(new Vector3(20, 50, 0), new Vector3(0, -1, 0));
    const hits = ray.intersectObject(batch.mesh);
    expect(hits.length).toBeGreaterThan(0);
    expect(batch.copyOfFace(hits[0]!.faceIndex!)).toBe(2);
    // Copy 3 exists in the buffer but is not drawn: nothing to click.
    batch.count = 3;
    batch.commit();
    expect(new Raycaster(new Vector3(30, 50, 0), new Vector3(0, -1, 0)).intersectObject(batch.mesh)).toEqual([]);
  });

  it('uploads only the drawn copies', () => {
    const batch = new GeometryBatch(new RingGeometry(0.8, 1, 48), material(), 256, { lit: false });
    batch.count = 10;
    batch.setMatrix(0, new Matrix4());
    batch.setColor(0, new Color(1, 0, 0));
    batch.commit();
    const verts = new RingGeometry(0.8, 1, 48).getAttribute('position').count;
    expect((batch.mesh.geometry.getAttribute('position') as BufferAttribute).updateRanges).toEqual([{ start: 0, count: 10 * verts * 3 }]);
    expect((batch.mesh.geometry.getAttribute('color') as BufferAttribute).updateRanges).toEqual([{ start: 0, count: 10 * verts * 3 }]);
  });

  it('writes flat colours when unlit', () => {
    const batch = new GeometryBatch(new BoxGeometry(1, 1, 1), material(), 2, { lit: false });
    batch.setColor(1, new Color(0.2, 0.4, 0.6));
    expect(colourOf(batch, 24)).toEqual([expect.closeTo(0.2), expect.closeTo(0.4), expect.closeTo(0.6)]);
    expect(colourOf(batch, 0)).toEqual([1, 1, 1]);
  });

  it('bakes the scene lights into lit copies, and turning a part re-lights its faces', () => {
    const template = new BoxGeometry(1, 1, 1);
    const batch = new GeometryBatch(template, material(), 1, { lit: true });
    const grey = new Color(0.5, 0.5, 0.5);
    batch.setMatrix(0, new Matrix4());
    batch.setColor(0, grey);
    // BoxGeometry's faces: +x, −x, +y, −y, +z, −z, four vertices each.
    const top = 2 * 4;
    const bottom = 3 * 4;
    const up = lambertFactor(0, 1, 0, { r: 0, g: 0, b: 0 });
    const down = lambertFactor(0, -1, 0, { r: 0, g: 0, b: 0 });
    expect(colourOf(batch, top)).toEqual([expect.closeTo(0.5 * up.r), expect.closeTo(0.5 * up.g), expect.closeTo(0.5 * up.b)]);
    expect(colourOf(batch, bottom)[0]).toBeCloseTo(0.5 * down.r);
    // Upside down (180° about x, with a stretch): the template's top face now faces the ground.
    batch.setMatrix(0, new Matrix4().makeRotationX(Math.PI).scale(new Vector3(3, 1, 0.5)));
    expect(colourOf(batch, top)[0]).toBeCloseTo(0.5 * down.r);
    expect(colourOf(batch, bottom)[0]).toBeCloseTo(0.5 * up.r);
  });

  it('keeps normals outward under a mirroring matrix', () => {
    const batch = new GeometryBatch(new BoxGeometry(1, 1, 1), material(), 1, { lit: true });
    batch.setColor(0, new Color(1, 1, 1));
    batch.setMatrix(0, new Matrix4().makeScale(1, -1, 1));
    // Mirrored in y, the template's top face (+y normal) lies below: lit as facing down.
    const down = lambertFactor(0, -1, 0, { r: 0, g: 0, b: 0 });
    expect(colourOf(batch, 2 * 4)[0]).toBeCloseTo(down.r);
  });

  it('refuses a lit batch without normals to light by', () => {
    const template = new BoxGeometry(1, 1, 1);
    template.deleteAttribute('normal');
    expect(() => new GeometryBatch(template, material(), 1, { lit: true })).toThrow(/normals/);
  });
});

describe('baked scene lighting', () => {
  const f = (x: number, y: number, z: number) => lambertFactor(x, y, z, { r: 0, g: 0, b: 0 });

  it('lights a roof more than a floor, and the sun side more than the shade side', () => {
    expect(f(0, 1, 0).r).toBeGreaterThan(f(0, -1, 0).r);
    // The sun stands at (−80, 160, 60): west (−x) faces get it, east faces do not.
    expect(f(-1, 0, 0).r).toBeGreaterThan(f(1, 0, 0).r);
  });

  it('matches three.js Lambert for a face in shade: (ambient + hemisphere) / π', () => {
    // East face: no sun; hemisphere weight 0.5 (half sky, half ground).
    const sky = new Color(0xdfe3e8);
    const ground = new Color(0x2a2d31);
    expect(f(1, 0, 0).g).toBeCloseTo((0.4 + 1.6 * (ground.g + sky.g) / 2) / Math.PI, 6);
  });
});

describe('ground grid step', () => {
  it('is 10 m on a plot and coarser on a big site, never more than MAX_GRID_LINES lines', () => {
    expect(gridStepM(180)).toBe(10);
    expect(gridStepM(300)).toBe(10);
    expect(gridStepM(301)).toBe(20);
    expect(gridStepM(680)).toBe(50);
    for (const size of [50, 299, 450, 999, 4_000, 29_000]) expect(size / gridStepM(size)).toBeLessThanOrEqual(MAX_GRID_LINES);
    expect(gridStepM(1e6)).toBe(1000);
  });
});
