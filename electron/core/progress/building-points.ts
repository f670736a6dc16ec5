import type { PlanePoint } from '../../common/site-model.js';

/** Whether a point lies inside a polygon (even-odd rule; the plan's east-north metres). */
export function insidePolygon(p: PlanePoint, polygon: readonly PlanePoint[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.n > p.n !== b.n > p.n && p.e < ((b.e - a.e) * (p.n - a.n)) / (b.n - a.n) + a.e) inside = !inside;
  }
  return inside;
}

/**
 * The capture points whose panoramas show a building: those the site file names for it, else the
 * points standing inside its footprint (a point in the core shaft sees the floor being built).
 */
export function capturePointsOf(named: readonly string[] | null, footprint: readonly PlanePoint[], points: readonly { id: string; position: PlanePoint }[]): string[] {
  if (named) return [...named];
  return points.filter((p) => insidePolygon(p.position, footprint)).map((p) => p.id);
}
