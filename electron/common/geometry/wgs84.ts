import type { EnuPosition } from '../site.js';

/**
 * WGS84 geodetic ↔ ECEF ↔ local east-north-up, exact (no flat-earth shortcut).
 *
 * Why exact: the GIS view places site objects (ENU metres from the site origin) on a globe that works
 * in ECEF, and the tangent plane leaves the ellipsoid quickly — 7.8 cm below the plane at 1 km,
 * 2 m at 5 km — so a flat approximation shows up as cranes sinking or floating at the site's edge.
 */

/** WGS84 semi-major axis, metres (NIMA TR8350.2, table 3.1). */
export const WGS84_A = 6_378_137;
/** WGS84 flattening (NIMA TR8350.2, table 3.1). */
export const WGS84_F = 1 / 298.257_223_563;
/** WGS84 semi-minor (polar) axis, metres: a(1 − f) ≈ 6 356 752.314 m. */
export const WGS84_B = WGS84_A * (1 - WGS84_F);
/** First eccentricity squared: f(2 − f). */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
/** Second eccentricity squared: (a² − b²)/b². */
const EP2 = (WGS84_A * WGS84_A - WGS84_B * WGS84_B) / (WGS84_B * WGS84_B);

const DEG = Math.PI / 180;

/**
 * A point on or near the earth: WGS84 latitude and longitude in degrees (north and east positive),
 * height in metres above the ellipsoid — not above sea level: a levelled height differs from it by
 * the local geoid undulation (tens of metres in places), which the survey must supply.
 * Same field names as the site file's `origin`.
 */
export interface GeodeticPosition {
  latDeg: number;
  lonDeg: number;
  heightM: number;
}

/**
 * Earth-centred, earth-fixed cartesian coordinates, metres: x toward (lat 0, lon 0), y toward
 * (lat 0, lon 90°E), z toward the north pole.
 */
export interface EcefPosition {
  x: number;
  y: number;
  z: number;
}

/**
 * A local east-north-up frame tangent to the ellipsoid at `origin`, with its trigonometry computed
 * once so converting many points (a GIS layer per frame) costs a few multiplications each.
 */
export interface EnuFrame {
  readonly origin: GeodeticPosition;
  readonly originEcef: EcefPosition;
  readonly sinLat: number;
  readonly cosLat: number;
  readonly sinLon: number;
  readonly cosLon: number;
}

/** Geodetic → ECEF, the closed form with the prime-vertical radius N = a / √(1 − e² sin²φ). */
export function geodeticToEcef(p: GeodeticPosition): EcefPosition {
  const lat = p.latDeg * DEG;
  const lon = p.lonDeg * DEG;
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
  return {
    x: (n + p.heightM) * cosLat * Math.cos(lon),
    y: (n + p.heightM) * cosLat * Math.sin(lon),
    z: (n * (1 - WGS84_E2) + p.heightM) * sinLat,
  };
}

/**
 * ECEF → geodetic by Heikkinen's closed form (Heikkinen 1982, as given by Zhu 1993, "Conversion of
 * Earth-centered Earth-fixed coordinates to geodetic coordinates", IEEE TAES 30(3)): no iteration,
 * tested here to under 0.1 mm from 1 km below the ellipsoid to 100 km above it; exact on the polar axis.
 * Not meant for points within ~40 km of the earth's centre, where the closed form degenerates.
 */
export function ecefToGeodetic(p: EcefPosition): GeodeticPosition {
  const a = WGS84_A;
  const b = WGS84_B;
  const e2 = WGS84_E2;
  const z2 = p.z * p.z;
  const r2 = p.x * p.x + p.y * p.y;
  const r = Math.sqrt(r2);
  const f = 54 * b * b * z2;
  const g = r2 + (1 - e2) * z2 - e2 * (a * a - b * b);
  const c = (e2 * e2 * f * r2) / (g * g * g);
  const s = Math.cbrt(1 + c + Math.sqrt(c * c + 2 * c));
  const k = s + 1 + 1 / s;
  const pp = f / (3 * k * k * g * g);
  const q = Math.sqrt(1 + 2 * e2 * e2 * pp);
  // On the polar axis the radicand is 0 up to rounding; clamp so it cannot turn into NaN.
  const radicand = ((a * a) / 2) * (1 + 1 / q) - (pp * (1 - e2) * z2) / (q * (1 + q)) - (pp * r2) / 2;
  const r0 = (-pp * e2 * r) / (1 + q) + Math.sqrt(Math.max(0, radicand));
  const rr = r - e2 * r0;
  const u = Math.sqrt(rr * rr + z2);
  const v = Math.sqrt(rr * rr + (1 - e2) * z2);
  const z0 = (b * b * p.z) / (a * v);
  return {
    latDeg: Math.atan2(p.z + EP2 * z0, r) / DEG,
    lonDeg: Math.atan2(p.y, p.x) / DEG,
    heightM: u * (1 - (b * b) / (a * v)),
  };
}

/** The ENU frame tangent to the ellipsoid at `origin` (usually the site file's `origin`). */
export function enuFrame(origin: GeodeticPosition): EnuFrame {
  const lat = origin.latDeg * DEG;
  const lon = origin.lonDeg * DEG;
  return Object.freeze({
    origin: { ...origin },
    originEcef: geodeticToEcef(origin),
    sinLat: Math.sin(lat),
    cosLat: Math.cos(lat),
    sinLon: Math.sin(lon),
    cosLon: Math.cos(lon),
  });
}

/** ECEF → ENU metres in `frame`: translate to the origin, then rotate (a pure rotation, so distances are kept). */
export function ecefToEnu(p: EcefPosition, frame: EnuFrame): EnuPosition {
  const dx = p.x - frame.originEcef.x;
  const dy = p.y - frame.originEcef.y;
  const dz = p.z - frame.originEcef.z;
  const { sinLat, cosLat, sinLon, cosLon } = frame;
  return {
    e: -sinLon * dx + cosLon * dy,
    n: -sinLat * cosLon * dx - sinLat * sinLon * dy + cosLat * dz,
    u: cosLat * cosLon * dx + cosLat * sinLon * dy + sinLat * dz,
  };
}

/** ENU metres in `frame` → ECEF: the transpose of the rotation in `ecefToEnu`, then translate back. */
export function enuToEcef(p: EnuPosition, frame: EnuFrame): EcefPosition {
  const { sinLat, cosLat, sinLon, cosLon } = frame;
  return {
    x: frame.originEcef.x - sinLon * p.e - sinLat * cosLon * p.n + cosLat * cosLon * p.u,
    y: frame.originEcef.y + cosLon * p.e - sinLat * sinLon * p.n + cosLat * sinLon * p.u,
    z: frame.originEcef.z + cosLat * p.n + sinLat * p.u,
  };
}

/**
 * Geodetic → ENU metres in `frame`. Note `u` is height above the tangent plane, not above the
 * ellipsoid: a point on the ellipsoid 1 km from the origin has u ≈ −0.08 m.
 */
export function geodeticToEnu(p: GeodeticPosition, frame: EnuFrame): EnuPosition {
  return ecefToEnu(geodeticToEcef(p), frame);
}

/** ENU metres in `frame` → geodetic (height above the ellipsoid, metres). */
export function enuToGeodetic(p: EnuPosition, frame: EnuFrame): GeodeticPosition {
  return ecefToGeodetic(enuToEcef(p, frame));
}
