import { Cartesian3, Ellipsoid, Matrix4, Transforms, Cartographic } from 'cesium';
import { describe, expect, it } from 'vitest';
import { drawingFrame, enuToCartesian, ringCentre, ringToCartesians } from '../../../renderer/src/gis/enu-cartesian.js';

// The demo site's origin (Wuhan); the drawing frame puts the ground on the ellipsoid (height 0).
const origin = { latDeg: 30.5928, lonDeg: 114.3055, heightM: 24 };

describe('ENU → Cesium Cartesian3', () => {
  it("agrees with Cesium's own east-north-up transform to a millimetre", () => {
    const frame = drawingFrame(origin);
    const enuToFixed = Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(origin.lonDeg, origin.latDeg, 0));
    for (const p of [
      { e: 0, n: 0, u: 0 },
      { e: 95, n: 0, u: 1.5 },
      { e: -22, n: 12, u: 62 },
      { e: 1500, n: -800, u: 0 },
    ]) {
      const ours = enuToCartesian(frame, p);
      const cesium = Matrix4.multiplyByPoint(enuToFixed, new Cartesian3(p.e, p.n, p.u), new Cartesian3());
      expect(Cartesian3.distance(ours, cesium)).toBeLessThan(0.001);
    }
  });

  it('puts the site ground on the ellipsoid, not at the survey height', () => {
    const ground = Cartographic.fromCartesian(enuToCartesian(drawingFrame(origin), { e: 0, n: 0, u: 0 }), Ellipsoid.WGS84);
    expect(ground.height).toBeCloseTo(0, 3);
  });

  it('closes rings for outlines and finds their centre', () => {
    const frame = drawingFrame(origin);
    const ring = [
      { e: 0, n: 0 },
      { e: 10, n: 0 },
      { e: 10, n: 20 },
      { e: 0, n: 20 },
    ];
    const open = ringToCartesians(frame, ring, 5, false);
    const closed = ringToCartesians(frame, ring, 5, true);
    expect(open).toHaveLength(4);
    expect(closed).toHaveLength(5);
    expect(Cartesian3.equals(closed[0], closed[4])).toBe(true);
    expect(Cartesian3.distance(open[0]!, open[1]!)).toBeCloseTo(10, 6);
    expect(ringCentre(ring)).toEqual({ e: 5, n: 10 });
    expect(ringCentre([])).toEqual({ e: 0, n: 0 });
  });
});
