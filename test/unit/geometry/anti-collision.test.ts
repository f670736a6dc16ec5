import { describe, expect, it } from 'vitest';
import type { EnuPosition } from '../../../electron/common/site.js';
import {
  classifyClearance,
  craneClearance,
  reachesOverlap,
  type CraneState,
} from '../../../electron/common/geometry/anti-collision.js';
import * as geometry from '../../../electron/common/geometry/index.js';

function expectPoint(actual: EnuPosition, expected: EnuPosition, digits = 9): void {
  expect(actual.e).toBeCloseTo(expected.e, digits);
  expect(actual.n).toBeCloseTo(expected.n, digits);
  expect(actual.u).toBeCloseTo(expected.u, digits);
}

/** Two identical cranes 60 m apart on the e axis: jib 40 m at 40 m, counter-jib 12 m, hook 10 m up at radius 20 m. */
function pair(slewA: number, slewB: number): [CraneState, CraneState] {
  const geometry = { towerHeightM: 40, jibLengthM: 40, counterJibLengthM: 12 };
  return [
    { base: { e: 0, n: 0, u: 0 }, geometry, telemetry: { slewDeg: slewA, radiusM: 20, heightM: 10 } },
    { base: { e: 60, n: 0, u: 0 }, geometry, telemetry: { slewDeg: slewB, radiusM: 20, heightM: 10 } },
  ];
}

describe('craneClearance: two cranes 60 m apart, 40 m jibs at the same height', () => {
  it('gives 20 m between the jib tips when both slew 30° in towards each other', () => {
    // A at slew 30°: tip (40 sin 30°, 40 cos 30°) = (20, 34.641). B at slew 330°: tip (60 − 20, 34.641) = (40, 34.641).
    // The jibs converge northwards, so the tips are the closest points: 40 − 20 = 20 m.
    // (Pointing straight at each other along the e axis the jibs would overlap by 20 m: see the next test.)
    const [a, b] = pair(30, 330);
    const c = craneClearance(a, b);
    expect(c.distanceM).toBeCloseTo(20, 9);
    expect(c.partA).toBe('jib');
    expect(c.partB).toBe('jib');
    expectPoint(c.pointA, { e: 20, n: 20 * Math.sqrt(3), u: 40 });
    expectPoint(c.pointB, { e: 40, n: 20 * Math.sqrt(3), u: 40 });
    expect(classifyClearance(c.distanceM)).toBe('clear');
  });

  it('gives 0 (critical) when they point straight at each other and the jibs overlap', () => {
    // A east (90°) covers e ∈ [0, 40], B west (270°) covers e ∈ [20, 60], both at u = 40.
    const [a, b] = pair(90, 270);
    const c = craneClearance(a, b);
    expect(c.distanceM).toBeCloseTo(0, 9);
    expect(c.partA).toBe('jib');
    expect(c.partB).toBe('jib');
    expect(c.pointA.e).toBeGreaterThanOrEqual(20 - 1e-9);
    expect(c.pointA.e).toBeLessThanOrEqual(40 + 1e-9);
    expect(classifyClearance(c.distanceM)).toBe('critical');
  });

  it('gives 0 at the crossing point when the jibs cross in plan', () => {
    // A at 60°: n = e/√3; B at 300° mirrors it about e = 30, so they cross at (30, 30/√3 = 17.3205, 40).
    const [a, b] = pair(60, 300);
    const c = craneClearance(a, b);
    expect(c.distanceM).toBeCloseTo(0, 9);
    expectPoint(c.pointA, { e: 30, n: 30 / Math.sqrt(3), u: 40 });
    expect(classifyClearance(c.distanceM)).toBe('critical');
  });

  it('gives the same distance with the cranes swapped, with the parts swapped too', () => {
    const [a, b] = pair(30, 330);
    expect(craneClearance(b, a).distanceM).toBeCloseTo(craneClearance(a, b).distanceM, 12);
  });
});

describe('craneClearance: a lower crane under a higher crane', () => {
  // Higher crane H at the origin: jib 50 m at 50 m, slewed east (90°), trolley at 40 m, so its rope hangs at (40, 0).
  // Lower crane L at (40, 30): jib 40 m at 30 m, slewed south (180°): its jib runs from (40, 30) to (40, −10)
  // at u = 30, passing exactly under H's rope.
  const high = (hookHeightM: number): CraneState => ({
    base: { e: 0, n: 0, u: 0 },
    geometry: { towerHeightM: 50, jibLengthM: 50, counterJibLengthM: 15 },
    telemetry: { slewDeg: 90, radiusM: 40, heightM: hookHeightM },
  });
  const low: CraneState = {
    base: { e: 40, n: 30, u: 0 },
    geometry: { towerHeightM: 30, jibLengthM: 40, counterJibLengthM: 12 },
    telemetry: { slewDeg: 180, radiusM: 10, heightM: 5 },
  };

  it('is critical at 1.5 m when the higher hook hangs 1.5 m above the lower jib', () => {
    // Hook at u = 31.5 over the lower jib at u = 30 → 1.5 m. Everything else is farther:
    // jib over jib 20 m (50 − 30), H's rope to L's mast 30 m, L's jib to H's mast 40 m.
    const c = craneClearance(high(31.5), low);
    expect(c.distanceM).toBeCloseTo(1.5, 9);
    expect(c.partA).toBe('rope');
    expect(c.partB).toBe('jib');
    expectPoint(c.pointA, { e: 40, n: 0, u: 31.5 });
    expectPoint(c.pointB, { e: 40, n: 0, u: 30 });
    expect(classifyClearance(c.distanceM)).toBe('critical');

    const swapped = craneClearance(low, high(31.5));
    expect(swapped.distanceM).toBeCloseTo(1.5, 9);
    expect(swapped.partA).toBe('jib');
    expect(swapped.partB).toBe('rope');
  });

  it('is a warning at 3 m and clear at 20 m once the hook is raised to the jib', () => {
    expect(craneClearance(high(33), low).distanceM).toBeCloseTo(3, 9);
    expect(classifyClearance(craneClearance(high(33), low).distanceM)).toBe('warning');
    // Hook right up at the higher jib: only the 20 m between the jibs is left.
    const raised = craneClearance(high(50), low);
    expect(raised.distanceM).toBeCloseTo(20, 9);
    expect(classifyClearance(raised.distanceM)).toBe('clear');
  });

  it('is 0 when the hook is lowered through the lower jib', () => {
    expect(craneClearance(high(20), low).distanceM).toBeCloseTo(0, 9);
  });

  it("measures the lower jib's tip against the higher crane's mast (GB 5144-2006 §10.5)", () => {
    // Lower crane at (41, 0) slewed west: its tip at (1, 0, 30) is 1 m from H's mast (the u axis, 0–50 m).
    // H slewed north with its rope at (0, 20): 20 m from the lower jib.
    const h: CraneState = { ...high(10), telemetry: { slewDeg: 0, radiusM: 20, heightM: 10 } };
    const l: CraneState = { ...low, base: { e: 41, n: 0, u: 0 }, telemetry: { slewDeg: 270, radiusM: 10, heightM: 5 } };
    const c = craneClearance(h, l);
    expect(c.distanceM).toBeCloseTo(1, 9);
    expect(c.partA).toBe('mast');
    expect(c.partB).toBe('jib');
    expectPoint(c.pointA, { e: 0, n: 0, u: 30 });
    expectPoint(c.pointB, { e: 1, n: 0, u: 30 });
  });

  it("measures the higher crane's counter-jib passing 1 m over a jib", () => {
    // A: counter-jib 25 m, slewed east so the counter-jib points west to (−25, 0) at u = 40.
    // B at (−20, −20), jib at u = 41 slewed north: from (−20, −20) to (−20, 20), 1 m over A's counter-jib at (−20, 0).
    const a: CraneState = {
      base: { e: 0, n: 0, u: 0 },
      geometry: { towerHeightM: 40, jibLengthM: 40, counterJibLengthM: 25 },
      telemetry: { slewDeg: 90, radiusM: 20, heightM: 10 },
    };
    const b: CraneState = {
      base: { e: -20, n: -20, u: 0 },
      geometry: { towerHeightM: 41, jibLengthM: 40, counterJibLengthM: 12 },
      telemetry: { slewDeg: 0, radiusM: 10, heightM: 5 },
    };
    const c = craneClearance(a, b);
    expect(c.distanceM).toBeCloseTo(1, 9);
    expect(c.partA).toBe('counterJib');
    expect(c.partB).toBe('jib');
    expectPoint(c.pointA, { e: -20, n: 0, u: 40 });
    expectPoint(c.pointB, { e: -20, n: 0, u: 41 });
  });
});

describe('reachesOverlap', () => {
  const crane = (e: number, jibLengthM = 40, counterJibLengthM = 12) => ({
    base: { e, n: 0, u: 0 },
    geometry: { towerHeightM: 40, jibLengthM, counterJibLengthM },
  });

  it('is false for cranes 200 m apart with 40 m jibs (80 m of reach between them)', () => {
    expect(reachesOverlap(crane(0), crane(200))).toBe(false);
  });

  it('is true 60 m apart, and exactly touching at 80 m (tips can meet)', () => {
    expect(reachesOverlap(crane(0), crane(60))).toBe(true);
    expect(reachesOverlap(crane(0), crane(80))).toBe(true);
    expect(reachesOverlap(crane(0), crane(80.01))).toBe(false);
  });

  it('adds a margin such as the safety distance', () => {
    expect(reachesOverlap(crane(0), crane(81))).toBe(false);
    expect(reachesOverlap(crane(0), crane(81), 2)).toBe(true);
  });

  it('uses horizontal distance only (a crane on a roof is no farther away in plan)', () => {
    expect(reachesOverlap(crane(0), { ...crane(79), base: { e: 79, n: 0, u: 60 } })).toBe(true);
  });

  it('counts a counter-jib longer than the jib', () => {
    // Odd but possible in a site file: 30 m jib, 45 m counter-jib; 40 + 45 = 85 ≥ 84.
    expect(reachesOverlap(crane(0), crane(84, 30, 45))).toBe(true);
    expect(reachesOverlap(crane(0), crane(84))).toBe(false);
  });
});

describe('classifyClearance', () => {
  it('is critical below the 2 m default, a warning below 4 m, clear from 4 m', () => {
    expect(classifyClearance(0)).toBe('critical');
    expect(classifyClearance(1.99)).toBe('critical');
    expect(classifyClearance(2)).toBe('warning');
    expect(classifyClearance(3.99)).toBe('warning');
    expect(classifyClearance(4)).toBe('clear');
    expect(classifyClearance(Infinity)).toBe('clear');
  });

  it('scales with a site-specific safety distance', () => {
    expect(classifyClearance(4.9, 5)).toBe('critical');
    expect(classifyClearance(9.9, 5)).toBe('warning');
    expect(classifyClearance(10, 5)).toBe('clear');
  });

  it('refuses NaN rather than calling it clear, and a safety distance that is not positive', () => {
    expect(() => classifyClearance(Number.NaN)).toThrow(RangeError);
    expect(() => classifyClearance(3, 0)).toThrow(RangeError);
    expect(() => classifyClearance(3, Number.NaN)).toThrow(RangeError);
  });
});

describe('index', () => {
  it('re-exports the public surface', () => {
    for (const name of [
      'geodeticToEcef', 'ecefToGeodetic', 'enuFrame', 'ecefToEnu', 'enuToEcef', 'geodeticToEnu', 'enuToGeodetic',
      'jibDirection', 'hookPosition', 'jibSegment', 'hoistRope', 'mastSegment',
      'segmentDistance3d', 'reachesOverlap', 'craneClearance', 'classifyClearance',
    ]) {
      expect(typeof (geometry as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
