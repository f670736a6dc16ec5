import { insidePolygon as insidePlanePolygon } from '../../../electron/common/geometry/building-of.js';
import type { PlanePoint } from '../../../electron/common/site-model.js';

/** Whether a plan point lies inside a polygon (even-odd rule; edges count as either). */
export function insidePolygon(e: number, n: number, polygon: readonly PlanePoint[]): boolean {
  return insidePlanePolygon({ e, n }, polygon);
}

/**
 * Hatching for a zone: parallel lines at 45° (north-east), `spacingM` apart, clipped to the
 * polygon. Returns plan segments as [e1, n1, e2, n2] quadruples. Works for any simple polygon,
 * convex or not (each line's crossings are sorted and paired).
 */
export function hatchSegments(polygon: readonly PlanePoint[], spacingM: number): number[] {
  const out: number[] = [];
  if (polygon.length < 3 || !(spacingM > 0)) return out;
  // Lines e − n = c. Range of c over the polygon's vertices.
  let cMin = Infinity;
  let cMax = -Infinity;
  for (const p of polygon) {
    cMin = Math.min(cMin, p.e - p.n);
    cMax = Math.max(cMax, p.e - p.n);
  }
  const crossings: number[] = [];
  for (let c = Math.ceil(cMin / spacingM) * spacingM; c <= cMax; c += spacingM) {
    crossings.length = 0;
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
      const a = polygon[j]!;
      const b = polygon[i]!;
      const fa = a.e - a.n - c;
      const fb = b.e - b.n - c;
      if ((fa < 0 && fb >= 0) || (fb < 0 && fa >= 0)) {
        const t = fa / (fa - fb);
        crossings.push(a.e + t * (b.e - a.e));
      }
    }
    crossings.sort((x, y) => x - y);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const e1 = crossings[k]!;
      const e2 = crossings[k + 1]!;
      // A line through a vertex only touches the polygon: nothing to draw.
      if (e2 - e1 < 1e-9) continue;
      out.push(e1, e1 - c, e2, e2 - c);
    }
  }
  return out;
}

/**
 * `count` plan points spread evenly over some polygons (a Halton sequence in each polygon's
 * bounding box, keeping points inside), shared among the polygons by area. Deterministic: the
 * same count gives the same points, so markers do not jump about when the count changes by one.
 * Writes [e, n] pairs into `out` (length ≥ 2·count) and returns how many points it placed.
 */
export function spreadPoints(polygons: readonly (readonly PlanePoint[])[], count: number, out: Float32Array): number {
  const usable = polygons.filter((p) => p.length >= 3);
  if (usable.length === 0 || count <= 0) return 0;
  const areas = usable.map(polygonArea);
  const total = areas.reduce((a, b) => a + b, 0) || 1;
  let placed = 0;
  for (let k = 0; k < usable.length && placed < count; k++) {
    const poly = usable[k]!;
    const share = k === usable.length - 1 ? count - placed : Math.round((count * areas[k]!) / total);
    let minE = Infinity, maxE = -Infinity, minN = Infinity, maxN = -Infinity;
    for (const p of poly) {
      minE = Math.min(minE, p.e); maxE = Math.max(maxE, p.e);
      minN = Math.min(minN, p.n); maxN = Math.max(maxN, p.n);
    }
    let got = 0;
    for (let i = 1; got < share && i < share * 50 + 100; i++) {
      const e = minE + halton(i, 2) * (maxE - minE);
      const n = minN + halton(i, 3) * (maxN - minN);
      if (!insidePolygon(e, n, poly)) continue;
      out[2 * placed] = e;
      out[2 * placed + 1] = n;
      placed++;
      got++;
    }
  }
  return placed;
}

/** Polygon area, m² (shoelace, absolute). */
export function polygonArea(polygon: readonly PlanePoint[]): number {
  let a = 0;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) a += polygon[j]!.e * polygon[i]!.n - polygon[i]!.e * polygon[j]!.n;
  return Math.abs(a) / 2;
}

/**
 * The mean of a polygon's vertices (not its area centroid): where a label sits and the camera
 * aims for the small convex plots and zones a site draws.
 */
export function vertexMean(polygon: readonly PlanePoint[]): PlanePoint {
  let e = 0;
  let n = 0;
  for (const p of polygon) {
    e += p.e;
    n += p.n;
  }
  return { e: e / polygon.length, n: n / polygon.length };
}

function halton(index: number, base: number): number {
  let f = 1;
  let r = 0;
  let i = index;
  while (i > 0) {
    f /= base;
    r += f * (i % base);
    i = Math.floor(i / base);
  }
  return r;
}
