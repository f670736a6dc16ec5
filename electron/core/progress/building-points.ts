import { insidePolygon } from '../../common/geometry/building-of.js';
import type { PlanePoint } from '../../common/site-model.js';

/**
 * The capture points whose panoramas show a building: those the site file names for it, else the
 * points standing inside its footprint (a point in the core shaft sees the floor being built).
 */
export function capturePointsOf(named: readonly string[] | null, footprint: readonly PlanePoint[], points: readonly { id: string; position: PlanePoint }[]): string[] {
  if (named) return [...named];
  return points.filter((p) => insidePolygon(p.position, footprint)).map((p) => p.id);
}
