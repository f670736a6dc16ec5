/**
 * Which building a device belongs to, for the statistics' per-building dimension: the one the
 * site file names for it, else the building whose footprint (plan polygon) holds the device's
 * position, else none (a monitor at the gate, a crane between two towers stands in no footprint).
 */
import type { PlanePoint } from '../site-model.js';

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

/** The building id of a device: its explicit `building`, else the first footprint holding its position, else null. */
export function buildingOfDevice(
  device: { building?: string; position?: PlanePoint },
  buildings: readonly { id: string; footprint: readonly PlanePoint[] }[],
): string | null {
  if (device.building) return device.building;
  if (!device.position) return null;
  return buildings.find((b) => insidePolygon(device.position!, b.footprint))?.id ?? null;
}
