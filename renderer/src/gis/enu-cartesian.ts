import { Cartesian3 } from 'cesium';
import type { PlanePoint } from '../../../electron/common/site-model.js';
import type { EnuPosition } from '../../../electron/common/site.js';
import { enuFrame, enuToEcef, type EnuFrame, type GeodeticPosition } from '../../../electron/common/geometry/wgs84.js';

/**
 * The frame the GIS view draws a site in: the site's origin, but with its ground on the ellipsoid.
 *
 * Why height 0: the globe here is Cesium's ellipsoid (no terrain model offline), so the ground the
 * imagery lies on is at ellipsoidal height 0. Drawing at the survey height (24 m at the demo site)
 * would float every building and crane that far above the map. With a terrain provider this would
 * become the terrain height at the origin.
 */
export function drawingFrame(origin: GeodeticPosition): EnuFrame {
  return enuFrame({ latDeg: origin.latDeg, lonDeg: origin.lonDeg, heightM: 0 });
}

/** One ENU point (metres from the site origin) as Cesium's ECEF Cartesian3 — exact, see common/geometry/wgs84.ts. */
export function enuToCartesian(frame: EnuFrame, p: EnuPosition, result = new Cartesian3()): Cartesian3 {
  const ecef = enuToEcef(p, frame);
  return Cartesian3.fromElements(ecef.x, ecef.y, ecef.z, result);
}

/** A plan polygon at height `u` above the plane, as Cartesian3s; `closed` repeats the first point (for outlines). */
export function ringToCartesians(frame: EnuFrame, ring: readonly PlanePoint[], u: number, closed: boolean): Cartesian3[] {
  const points = ring.map((p) => enuToCartesian(frame, { e: p.e, n: p.n, u }));
  if (closed && points.length > 1) points.push(Cartesian3.clone(points[0]!));
  return points;
}

/** Centroid of a plan polygon's vertices, ENU metres (good enough to hang a label on a convex footprint). */
export function ringCentre(ring: readonly PlanePoint[]): PlanePoint {
  if (ring.length === 0) return { e: 0, n: 0 };
  const sum = ring.reduce((acc, p) => ({ e: acc.e + p.e, n: acc.n + p.n }), { e: 0, n: 0 });
  return { e: sum.e / ring.length, n: sum.n / ring.length };
}
