import type { CraneLoadLevels } from './crane-moment-bands.js';
import type { DeviceKind } from './device-kinds.js';
import type { EnuPosition } from './site.js';

/** A point on the site plan, metres east and north of the site origin. */
export interface PlanePoint {
  e: number;
  n: number;
}

/**
 * Everything the 3D and GIS views draw that does not come from telemetry. Positions are in the
 * site's local east-north-up frame (metres); `origin` ties it to WGS84 (common/geometry/wgs84.ts).
 */
export interface SiteModel {
  siteId: string;
  name: string;
  /** WGS84 degrees and ellipsoidal height, metres; null when the site file gives none. */
  origin: { latDeg: number; lonDeg: number; heightM: number } | null;
  boundary: PlanePoint[] | null;
  buildings: { id: string; name: string; footprint: PlanePoint[]; floorHeightM: number; plannedFloors: number; completedFloors: number }[];
  zones: { id: string; name: string; kind: 'danger' | 'fence' | 'work'; polygon: PlanePoint[]; heightM: number }[];
  /** `levels`: the crane's load-moment set points as its alarm rules use them (site file over the defaults). */
  cranes: { id: string; name: string; base: EnuPosition; towerHeightM: number; jibLengthM: number; counterJibLengthM: number; levels: CraneLoadLevels }[];
  hoists: { id: string; name: string; base: EnuPosition; mastHeightM: number; floorHeightM: number }[];
  /** Every device with a position (dust monitors, gates, ranging stations, and the above). */
  devices: { id: string; kind: DeviceKind; name: string; position: EnuPosition }[];
  cameras: { id: string; name: string; position: EnuPosition; headingDeg: number; pitchDeg: number; fovDeg: number }[];
  /** Panorama capture points (where the 360° camera stands), for the 3D view and the map. */
  panoramaPoints: { id: string; name: string; position: EnuPosition }[];
  /** Served at this URL (with `?token=`) when the site has a glTF/GLB model. */
  gltf: { url: string; scale: number; headingDeg: number } | null;
}
