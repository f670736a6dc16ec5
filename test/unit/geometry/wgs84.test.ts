import { describe, expect, it } from 'vitest';
import {
  WGS84_A,
  WGS84_B,
  WGS84_E2,
  ecefToEnu,
  ecefToGeodetic,
  enuFrame,
  enuToEcef,
  enuToGeodetic,
  geodeticToEcef,
  geodeticToEnu,
  type EcefPosition,
  type GeodeticPosition,
} from '../../../electron/common/geometry/wgs84.js';

const DEG = Math.PI / 180;
const WUHAN: GeodeticPosition = { latDeg: 30.5928, lonDeg: 114.3055, heightM: 24 };

/** Deterministic pseudo-random numbers (a 32-bit LCG), so a failure reproduces. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function ecefDistance(p: EcefPosition, q: EcefPosition): number {
  return Math.hypot(p.x - q.x, p.y - q.y, p.z - q.z);
}

/** Meridian radius of curvature M(φ) = a(1 − e²)/(1 − e² sin²φ)^1.5, metres (written here, not imported). */
function meridianRadius(latRad: number): number {
  const s = Math.sin(latRad);
  return (WGS84_A * (1 - WGS84_E2)) / Math.pow(1 - WGS84_E2 * s * s, 1.5);
}

/** Composite Simpson's rule of f over [x0, x1] with n (even) intervals. */
function simpson(f: (x: number) => number, x0: number, x1: number, n = 2000): number {
  const h = (x1 - x0) / n;
  let sum = f(x0) + f(x1);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(x0 + i * h);
  return (sum * h) / 3;
}

describe('WGS84 geodetic ↔ ECEF', () => {
  it('puts lat 0, lon 0, h 0 at (a, 0, 0) and lat 0, lon 90°E at (0, a, 0)', () => {
    const p = geodeticToEcef({ latDeg: 0, lonDeg: 0, heightM: 0 });
    expect(p.x).toBeCloseTo(6_378_137, 6);
    expect(p.y).toBeCloseTo(0, 6);
    expect(p.z).toBeCloseTo(0, 6);
    const q = geodeticToEcef({ latDeg: 0, lonDeg: 90, heightM: 100 });
    expect(q.x).toBeCloseTo(0, 6);
    expect(q.y).toBeCloseTo(6_378_237, 6);
  });

  it('puts the poles at (0, 0, ±b), b = 6 356 752.3142 m (NIMA TR8350.2)', () => {
    expect(WGS84_B).toBeCloseTo(6_356_752.3142, 3);
    const north = geodeticToEcef({ latDeg: 90, lonDeg: 0, heightM: 0 });
    expect(Math.hypot(north.x, north.y)).toBeLessThan(1e-6);
    expect(north.z).toBeCloseTo(6_356_752.3142, 3);
    const south = geodeticToEcef({ latDeg: -90, lonDeg: 45, heightM: 10 });
    expect(south.z).toBeCloseTo(-6_356_762.3142, 3);
  });

  it('inverts the known points exactly, including on the polar axis', () => {
    const eq = ecefToGeodetic({ x: WGS84_A, y: 0, z: 0 });
    expect(eq.latDeg).toBeCloseTo(0, 12);
    expect(eq.lonDeg).toBeCloseTo(0, 12);
    expect(eq.heightM).toBeCloseTo(0, 6);
    const pole = ecefToGeodetic({ x: 0, y: 0, z: WGS84_B + 1000 });
    expect(pole.latDeg).toBe(90);
    expect(pole.heightM).toBeCloseTo(1000, 6);
    const south = ecefToGeodetic({ x: 0, y: 0, z: -WGS84_B });
    expect(south.latDeg).toBe(-90);
    expect(south.heightM).toBeCloseTo(0, 6);
    const west = ecefToGeodetic({ x: 0, y: -(WGS84_A + 50), z: 0 });
    expect(west.lonDeg).toBeCloseTo(-90, 12);
    expect(west.heightM).toBeCloseTo(50, 6);
  });

  it('round-trips geodetic → ECEF → geodetic to under 0.1 mm over the globe, −1 km to 100 km high', () => {
    const rand = lcg(7);
    const latitudes = [0, 1e-9, 30.5928, -45, 89.99999, -89.999, 90, -90];
    for (let i = 0; i < 500; i++) latitudes.push(-90 + 180 * rand());
    for (const latDeg of latitudes) {
      const p: GeodeticPosition = { latDeg, lonDeg: -180 + 360 * rand(), heightM: -1000 + 101_000 * rand() };
      const ecef = geodeticToEcef(p);
      const back = ecefToGeodetic(ecef);
      // Compare in ECEF, where an angle error near the pole cannot hide or be inflated.
      expect(ecefDistance(geodeticToEcef(back), ecef)).toBeLessThan(1e-4);
      expect(back.heightM).toBeCloseTo(p.heightM, 4);
      expect(back.latDeg).toBeCloseTo(p.latDeg, 9);
    }
  });
});

describe('local ENU frame', () => {
  it('has the origin at 0 and straight up along +u', () => {
    const frame = enuFrame(WUHAN);
    const o = geodeticToEnu(WUHAN, frame);
    expect(Math.hypot(o.e, o.n, o.u)).toBeLessThan(1e-6);
    const up = geodeticToEnu({ ...WUHAN, heightM: 124 }, frame);
    expect(up.e).toBeCloseTo(0, 6);
    expect(up.n).toBeCloseTo(0, 6);
    expect(up.u).toBeCloseTo(100, 6);
  });

  it('places a point 1000 m due north of Wuhan (along the meridian, at 24 m) where the meridian arc says', () => {
    // Independent of the ECEF path: along the meridian at height h the arc length is
    // ∫(M(φ) + h) dφ. Solve ∫ = 1000 m for φ1 by Newton's method, then the point's ENU
    // coordinates follow from the tangent turning by (φ − φ0):
    //   n = ∫(M + h) cos(φ − φ0) dφ ≈ 1000 − 1000³/(6R²) ≈ 999.999 996 m
    //   u = −∫(M + h) sin(φ − φ0) dφ ≈ −1000²/(2R) ≈ −0.0787 m  (R ≈ M + h ≈ 6.35e6 m here)
    const h = WUHAN.heightM;
    const lat0 = WUHAN.latDeg * DEG;
    const arc = (lat1: number): number => simpson((phi) => meridianRadius(phi) + h, lat0, lat1);
    let lat1 = lat0 + 1000 / (meridianRadius(lat0) + h);
    for (let i = 0; i < 5; i++) lat1 += (1000 - arc(lat1)) / (meridianRadius(lat1) + h);
    expect(arc(lat1)).toBeCloseTo(1000, 9);
    const nExpected = simpson((phi) => (meridianRadius(phi) + h) * Math.cos(phi - lat0), lat0, lat1);
    const uExpected = -simpson((phi) => (meridianRadius(phi) + h) * Math.sin(phi - lat0), lat0, lat1);
    expect(nExpected).toBeCloseTo(1000, 4);
    expect(uExpected).toBeGreaterThan(-0.0790);
    expect(uExpected).toBeLessThan(-0.0785);

    const frame = enuFrame(WUHAN);
    const north: GeodeticPosition = { latDeg: lat1 / DEG, lonDeg: WUHAN.lonDeg, heightM: h };
    const enu = geodeticToEnu(north, frame);
    expect(Math.abs(enu.e)).toBeLessThan(1e-6);
    expect(Math.abs(enu.n - nExpected)).toBeLessThan(1e-3);
    expect(Math.abs(enu.u - uExpected)).toBeLessThan(1e-3);

    const geo = enuToGeodetic({ e: 0, n: nExpected, u: uExpected }, frame);
    // 1 mm of latitude here is about 9e-9 degrees.
    expect(Math.abs(geo.latDeg - north.latDeg) * DEG * meridianRadius(lat1)).toBeLessThan(1e-3);
    expect(Math.abs(geo.lonDeg - WUHAN.lonDeg)).toBeLessThan(1e-9);
    expect(Math.abs(geo.heightM - h)).toBeLessThan(1e-3);
  });

  it('places a point along the parallel where the parallel circle of radius (N + h)cos φ says', () => {
    // Same latitude and height, Δλ east: in a frame turned to the origin's meridian the offset is
    // ((N+h)cosφ(cosΔλ − 1), (N+h)cosφ sinΔλ, 0), so e = (N+h)cosφ sinΔλ,
    // n = (N+h) sinφ cosφ (1 − cosΔλ), u = −(N+h) cos²φ (1 − cosΔλ).
    const lat = WUHAN.latDeg * DEG;
    const nRadius = WGS84_A / Math.sqrt(1 - WGS84_E2 * Math.sin(lat) ** 2) + WUHAN.heightM;
    const dLon = 0.04 * DEG; // about 3.8 km here
    const enu = geodeticToEnu({ ...WUHAN, lonDeg: WUHAN.lonDeg + 0.04 }, enuFrame(WUHAN));
    expect(Math.abs(enu.e - nRadius * Math.cos(lat) * Math.sin(dLon))).toBeLessThan(1e-3);
    expect(Math.abs(enu.n - nRadius * Math.sin(lat) * Math.cos(lat) * (1 - Math.cos(dLon)))).toBeLessThan(1e-3);
    expect(Math.abs(enu.u + nRadius * Math.cos(lat) ** 2 * (1 - Math.cos(dLon)))).toBeLessThan(1e-3);
  });

  const origins: Array<[string, GeodeticPosition]> = [
    ['Wuhan', WUHAN],
    ['Harbin', { latDeg: 45.75, lonDeg: 126.65, heightM: 150 }],
    ['Tromsø (high latitude)', { latDeg: 69.65, lonDeg: 18.96, heightM: 10 }],
    ['Sydney (southern, west of the antimeridian)', { latDeg: -33.86, lonDeg: 151.21, heightM: 40 }],
    ['the equator at the antimeridian', { latDeg: 0, lonDeg: 179.99, heightM: 0 }],
    ['near the north pole', { latDeg: 89.99, lonDeg: -45, heightM: 2800 }],
    ['below the ellipsoid', { latDeg: 31.5, lonDeg: 35.5, heightM: -430 }],
  ];

  for (const [name, origin] of origins) {
    it(`round-trips 300 points within 5 km of ${name} to under 1 mm, both ways`, () => {
      const frame = enuFrame(origin);
      const rand = lcg(Math.round(origin.latDeg * 1000 + origin.lonDeg));
      for (let i = 0; i < 300; i++) {
        const r = 5000 * Math.sqrt(rand());
        const az = 2 * Math.PI * rand();
        const enu = { e: r * Math.sin(az), n: r * Math.cos(az), u: -200 + 1000 * rand() };
        const geo = enuToGeodetic(enu, frame);
        const back = geodeticToEnu(geo, frame);
        expect(Math.hypot(back.e - enu.e, back.n - enu.n, back.u - enu.u)).toBeLessThan(1e-3);

        // The ENU frame is a rotation of ECEF, so it keeps distances from the origin.
        const ecef = enuToEcef(enu, frame);
        expect(Math.abs(ecefDistance(ecef, frame.originEcef) - Math.hypot(enu.e, enu.n, enu.u))).toBeLessThan(1e-6);
        const again = ecefToEnu(ecef, frame);
        expect(Math.hypot(again.e - enu.e, again.n - enu.n, again.u - enu.u)).toBeLessThan(1e-6);
      }
      for (let i = 0; i < 300; i++) {
        // Geodetic points within ~4.5 km of the origin (0.04° of latitude, scaled in longitude).
        const latDeg = Math.max(-90, Math.min(90, origin.latDeg + (rand() - 0.5) * 0.08));
        // Near the pole a degree of longitude is short, so a few degrees still stay within the 5 km.
        const lonScale = Math.max(Math.cos(origin.latDeg * DEG), 0.01);
        const lonDeg = origin.lonDeg + ((rand() - 0.5) * 0.08) / lonScale;
        const geo: GeodeticPosition = { latDeg, lonDeg, heightM: origin.heightM - 100 + 600 * rand() };
        const back = enuToGeodetic(geodeticToEnu(geo, frame), frame);
        expect(ecefDistance(geodeticToEcef(back), geodeticToEcef(geo))).toBeLessThan(1e-3);
      }
    });
  }
});
