import { Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { hookPosition } from '../../../../electron/common/geometry/index.js';
import { enuPointToThree, enuToThree, headingToYaw, threeToEnu } from '../../../../renderer/src/scene/axes.js';
import { frustumCorners } from '../../../../renderer/src/scene/frustum.js';
import { hatchSegments, insidePolygon, spreadPoints, vertexMean } from '../../../../renderer/src/scene/plane.js';

describe('ENU → three.js axes (x = e, y = u, z = −n)', () => {
  it('maps east to +x, up to +y, north to −z, and back', () => {
    expect(enuToThree(3, 4, 5, new Vector3()).toArray()).toEqual([3, 5, -4]);
    expect(enuPointToThree({ e: -22, n: 12, u: 62 }, new Vector3()).toArray()).toEqual([-22, 62, -12]);
    expect(threeToEnu({ x: 3, y: 5, z: -4 })).toEqual({ e: 3, n: 4, u: 5 });
  });

  it('keeps the crane slew convention: slew 90° puts the hook east (+x)', () => {
    const hook = hookPosition({ e: 0, n: 0, u: 0 }, { slewDeg: 90, radiusM: 10, heightM: 20 });
    const v = enuPointToThree(hook, new Vector3());
    expect(v.x).toBeCloseTo(10);
    expect(v.y).toBeCloseTo(20);
    expect(v.z).toBeCloseTo(0);
  });

  it('turns a compass heading into a yaw about +y', () => {
    // An object built facing −z (north) turned to heading 90° faces +x (east).
    const v = new Vector3(0, 0, -1).applyAxisAngle(new Vector3(0, 1, 0), headingToYaw(90));
    expect(v.x).toBeCloseTo(1);
    expect(v.z).toBeCloseTo(0);
  });
});

describe('camera frustum corners', () => {
  it('looks north and level: corners at range, spread by the field of view', () => {
    const c = frustumCorners({ position: { e: 0, n: 0, u: 10 }, headingDeg: 0, pitchDeg: 0, fovDeg: 90 }, 10, 2);
    // tan(45°) = 1 → ±10 m across, ±5 m up/down at aspect 2.
    expect(c[0]).toMatchObject({ e: expect.closeTo(-10), n: expect.closeTo(10), u: expect.closeTo(15) });
    expect(c[1]).toMatchObject({ e: expect.closeTo(10), n: expect.closeTo(10), u: expect.closeTo(15) });
    expect(c[2]).toMatchObject({ e: expect.closeTo(10), n: expect.closeTo(10), u: expect.closeTo(5) });
    expect(c[3]).toMatchObject({ e: expect.closeTo(-10), n: expect.closeTo(10), u: expect.closeTo(5) });
  });

  it('turns clockwise with the heading and tips down with the pitch', () => {
    const c = frustumCorners({ position: { e: 0, n: 0, u: 0 }, headingDeg: 90, pitchDeg: 30, fovDeg: 60 }, 10);
    const centre = { e: c.reduce((s, p) => s + p.e, 0) / 4, n: c.reduce((s, p) => s + p.n, 0) / 4, u: c.reduce((s, p) => s + p.u, 0) / 4 };
    expect(centre.e).toBeCloseTo(10 * Math.cos(Math.PI / 6));
    expect(centre.n).toBeCloseTo(0);
    expect(centre.u).toBeCloseTo(-10 * Math.sin(Math.PI / 6));
    // Right-hand corners lie south of the axis when looking east.
    expect(c[1]!.n).toBeLessThan(0);
  });

  it('writes into a given array without allocating new points', () => {
    const out = [0, 1, 2, 3].map(() => ({ e: 0, n: 0, u: 0 }));
    const first = out[0];
    expect(frustumCorners({ position: { e: 1, n: 2, u: 3 }, headingDeg: 10, pitchDeg: 5, fovDeg: 70 }, 5, 16 / 9, out)).toBe(out);
    expect(out[0]).toBe(first);
  });
});

describe('plan helpers', () => {
  const square = [{ e: 0, n: 0 }, { e: 10, n: 0 }, { e: 10, n: 10 }, { e: 0, n: 10 }];

  it('hatches a polygon with segments inside it', () => {
    const segs = hatchSegments(square, 2);
    expect(segs.length).toBeGreaterThan(16);
    for (let i = 0; i < segs.length; i += 4) {
      const mid = { e: (segs[i]! + segs[i + 2]!) / 2, n: (segs[i + 1]! + segs[i + 3]!) / 2 };
      expect(insidePolygon(mid.e, mid.n, square)).toBe(true);
    }
  });

  it('spreads the asked number of points inside the areas, deterministically', () => {
    const out = new Float32Array(400);
    expect(spreadPoints([square], 200, out)).toBe(200);
    for (let i = 0; i < 200; i++) expect(insidePolygon(out[2 * i]!, out[2 * i + 1]!, square)).toBe(true);
    const again = new Float32Array(400);
    spreadPoints([square], 200, again);
    expect(again).toEqual(out);
  });
});

describe('vertexMean', () => {
  it('is the mean of the vertices, where labels sit and the camera aims', () => {
    expect(vertexMean([{ e: 0, n: 0 }, { e: 40, n: 0 }, { e: 40, n: 30 }, { e: 0, n: 30 }])).toEqual({ e: 20, n: 15 });
    expect(vertexMean([{ e: -5, n: 2 }, { e: 1, n: 8 }, { e: 10, n: -1 }])).toEqual({ e: 2, n: 3 });
  });
});
