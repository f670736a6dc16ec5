import { enuFrame, geodeticToEnu, enuToGeodetic, type GeodeticPosition } from '../../common/geometry/wgs84.js';
import type { PanoramaAssignment } from '../../common/panorama/types.js';
import type { PanoramaSettings } from '../config/site-schema.js';
import { pointIdFromName } from './file-name.js';

export type CapturePointConfig = PanoramaSettings['points'][number];

export interface PointChoice {
  pointId: string | null;
  assignedBy: PanoramaAssignment;
}

/**
 * Which capture point a new panorama belongs to, in order of trust: a point named by the sender
 * (upload header, device setting), the file-name prefix `POINTID_…` (a person chose it), then the
 * GPS fix nearest a point within `gpsMatchM` (consumer GPS wanders 5–10 m, so a loose match).
 */
export function choosePoint(
  points: readonly CapturePointConfig[],
  input: { explicit?: string | null; fileName: string; gps: { latDeg: number; lonDeg: number } | null },
  options: { gpsMatchM: number; origin: GeodeticPosition | null },
): PointChoice {
  const known = new Set(points.map((p) => p.id));
  if (input.explicit && known.has(input.explicit)) return { pointId: input.explicit, assignedBy: 'upload' };
  const fromName = pointIdFromName(input.fileName);
  if (fromName && known.has(fromName)) return { pointId: fromName, assignedBy: 'filename' };
  if (input.gps) {
    let best: { id: string; d: number } | null = null;
    for (const point of points) {
      const d = gpsDistanceM(point, input.gps, options.origin);
      if (d !== null && d <= options.gpsMatchM && (!best || d < best.d)) best = { id: point.id, d };
    }
    if (best) return { pointId: best.id, assignedBy: 'gps' };
  }
  return { pointId: null, assignedBy: 'none' };
}

/** Horizontal distance from a point to a GPS fix, metres; null when the point has no geodetic position. */
export function gpsDistanceM(point: CapturePointConfig, gps: { latDeg: number; lonDeg: number }, origin: GeodeticPosition | null): number | null {
  let reference: GeodeticPosition | null = null;
  if (point.latDeg !== undefined && point.lonDeg !== undefined) reference = { latDeg: point.latDeg, lonDeg: point.lonDeg, heightM: 0 };
  else if (origin) reference = enuToGeodetic(point.position, enuFrame(origin));
  if (!reference) return null;
  const local = geodeticToEnu({ latDeg: gps.latDeg, lonDeg: gps.lonDeg, heightM: reference.heightM }, enuFrame(reference));
  return Math.hypot(local.e, local.n);
}
