/**
 * Pure site geometry shared by the 3D view, the GIS view and the crane anti-collision alarms.
 * Units are metres and degrees throughout; positions are the site's ENU frame unless named otherwise.
 */
export {
  WGS84_A,
  WGS84_B,
  WGS84_E2,
  WGS84_F,
  ecefToEnu,
  ecefToGeodetic,
  enuFrame,
  enuToEcef,
  enuToGeodetic,
  geodeticToEcef,
  geodeticToEnu,
  type EcefPosition,
  type EnuFrame,
  type GeodeticPosition,
} from './wgs84.js';
export {
  counterJibSegment,
  frontJibSegment,
  hoistRope,
  hookPosition,
  jibDirection,
  jibSegment,
  mastSegment,
  type CraneGeometry,
  type CranePose,
} from './crane.js';
export {
  classifyClearance,
  craneClearance,
  reachesOverlap,
  segmentDistance3d,
  type ClearanceLevel,
  type CraneClearance,
  type CraneLayout,
  type CranePart,
  type CraneState,
  type SegmentClosestPoints,
} from './anti-collision.js';
export type { Segment3d } from './vector.js';
