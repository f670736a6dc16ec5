import { describe, expect, it } from 'vitest';
import type { EnuPosition } from '../../../electron/common/site.js';
import { segmentDistance3d } from '../../../electron/common/geometry/segment-distance.js';

const P = (e: number, n: number, u: number): EnuPosition => ({ e, n, u });

function expectPoint(actual: EnuPosition, expected: EnuPosition): void {
  expect(actual.e).toBeCloseTo(expected.e, 9);
  expect(actual.n).toBeCloseTo(expected.n, 9);
  expect(actual.u).toBeCloseTo(expected.u, 9);
}

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('segmentDistance3d', () => {
  it('finds the common perpendicular of crossing skew segments', () => {
    // Along e at u = 0 and along n at u = 2, crossing in plan at the origin: 2 m apart at their midpoints.
    const r = segmentDistance3d(P(-1, 0, 0), P(1, 0, 0), P(0, -1, 2), P(0, 1, 2));
    expect(r.distanceM).toBeCloseTo(2, 12);
    expect(r.s).toBeCloseTo(0.5, 12);
    expect(r.t).toBeCloseTo(0.5, 12);
    expectPoint(r.onFirst, P(0, 0, 0));
    expectPoint(r.onSecond, P(0, 0, 2));
  });

  it('finds an off-centre perpendicular: (1, 0, 0) at s = 1/4 and (1, 0, 3) at t = 1/2, 3 m', () => {
    const r = segmentDistance3d(P(0, 0, 0), P(4, 0, 0), P(1, -2, 3), P(1, 2, 3));
    expect(r.distanceM).toBeCloseTo(3, 12);
    expect(r.s).toBeCloseTo(0.25, 12);
    expect(r.t).toBeCloseTo(0.5, 12);
  });

  it('clamps when the lines meet beyond a segment end: √5 from (1, 0, 0) to (3, 0, 1)', () => {
    // The infinite lines are closest at e = 3, past the first segment's end at e = 1.
    const r = segmentDistance3d(P(0, 0, 0), P(1, 0, 0), P(3, -1, 1), P(3, 1, 1));
    expect(r.distanceM).toBeCloseTo(Math.sqrt(5), 12);
    expectPoint(r.onFirst, P(1, 0, 0));
    expectPoint(r.onSecond, P(3, 0, 1));
  });

  it('returns 0 and the crossing point for intersecting segments', () => {
    const r = segmentDistance3d(P(0, 0, 5), P(2, 2, 5), P(0, 2, 5), P(2, 0, 5));
    expect(r.distanceM).toBeCloseTo(0, 12);
    expectPoint(r.onFirst, P(1, 1, 5));
  });

  it('handles parallel overlapping segments: 3 m apart, closest points opposite each other on the overlap', () => {
    const r = segmentDistance3d(P(0, 0, 0), P(10, 0, 0), P(5, 3, 0), P(15, 3, 0));
    expect(r.distanceM).toBeCloseTo(3, 12);
    // Any pair across the overlap e ∈ [5, 10] is a right answer; it must be one of them.
    expect(r.onSecond.e - r.onFirst.e).toBeCloseTo(0, 12);
    expect(r.onFirst.e).toBeGreaterThanOrEqual(5 - 1e-12);
    expect(r.onFirst.e).toBeLessThanOrEqual(10 + 1e-12);
  });

  it('handles anti-parallel overlapping segments (4 m above, pointing the other way)', () => {
    const r = segmentDistance3d(P(0, 0, 0), P(10, 0, 0), P(12, 0, 4), P(2, 0, 4));
    expect(r.distanceM).toBeCloseTo(4, 12);
    expect(r.onSecond.e - r.onFirst.e).toBeCloseTo(0, 12);
  });

  it('handles parallel disjoint segments: end to start, collinear (2 m) and offset (3-4-5 triangle)', () => {
    const collinear = segmentDistance3d(P(0, 0, 0), P(1, 0, 0), P(3, 0, 0), P(5, 0, 0));
    expect(collinear.distanceM).toBeCloseTo(2, 12);
    expectPoint(collinear.onFirst, P(1, 0, 0));
    expectPoint(collinear.onSecond, P(3, 0, 0));
    const offset = segmentDistance3d(P(0, 0, 0), P(1, 0, 0), P(4, 4, 0), P(6, 4, 0));
    expect(offset.distanceM).toBeCloseTo(5, 12);
    expectPoint(offset.onFirst, P(1, 0, 0));
    expectPoint(offset.onSecond, P(4, 4, 0));
  });

  it('finds endpoint-to-endpoint closest points of skew segments: (1, 0, 0)–(2, 2, 2), 3 m', () => {
    // d² from (x, 0, 0), x ≤ 1 to (2, y, 2), y ≥ 2 is (x − 2)² + y² + 4, least at x = 1, y = 2: 1 + 4 + 4 = 9.
    const r = segmentDistance3d(P(0, 0, 0), P(1, 0, 0), P(2, 2, 2), P(2, 5, 2));
    expect(r.distanceM).toBeCloseTo(3, 12);
    expect(r.s).toBe(1);
    expect(r.t).toBe(0);
  });

  it('handles zero-length segments: point to point, point to segment, either way round', () => {
    expect(segmentDistance3d(P(1, 2, 3), P(1, 2, 3), P(4, 6, 3), P(4, 6, 3)).distanceM).toBeCloseTo(5, 12);
    const pointFirst = segmentDistance3d(P(5, 5, 0), P(5, 5, 0), P(0, 0, 0), P(10, 0, 0));
    expect(pointFirst.distanceM).toBeCloseTo(5, 12);
    expectPoint(pointFirst.onSecond, P(5, 0, 0));
    const pointSecond = segmentDistance3d(P(0, 0, 0), P(10, 0, 0), P(12, 0, 0), P(12, 0, 0));
    expect(pointSecond.distanceM).toBeCloseTo(2, 12);
    expectPoint(pointSecond.onFirst, P(10, 0, 0));
  });

  it('stays right for segments parallel up to rounding (jibs built from sin/cos of 90° and 270°)', () => {
    const d = { e: Math.sin(Math.PI / 2), n: Math.cos(Math.PI / 2) };
    const back = { e: Math.sin((3 * Math.PI) / 2), n: Math.cos((3 * Math.PI) / 2) };
    const r = segmentDistance3d(P(0, 0, 40), P(40 * d.e, 40 * d.n, 40), P(60, 0, 40), P(60 + 40 * back.e, 40 * back.n, 40));
    expect(r.distanceM).toBeCloseTo(0, 9);
    const apart = segmentDistance3d(P(0, 0, 40), P(40 * d.e, 40 * d.n, 40), P(100, 0, 41), P(100 + 40 * back.e, 40 * back.n, 41));
    expect(apart.distanceM).toBeCloseTo(Math.hypot(20, 1), 9);
  });

  it('agrees with a dense sampling of both segments on 300 random pairs, parallel ones included', () => {
    const rand = lcg(42);
    const point = (): EnuPosition => P(-50 + 100 * rand(), -50 + 100 * rand(), -50 + 100 * rand());
    const samples = 120;
    for (let i = 0; i < 300; i++) {
      const p1 = point();
      const q1 = point();
      const p2 = point();
      // Every third pair parallel to the first segment.
      const q2 = i % 3 === 0 ? { e: p2.e + (q1.e - p1.e) * 0.7, n: p2.n + (q1.n - p1.n) * 0.7, u: p2.u + (q1.u - p1.u) * 0.7 } : point();
      const r = segmentDistance3d(p1, q1, p2, q2);
      // The returned points lie on their segments at s and t, and are distanceM apart.
      expect(Math.hypot(r.onFirst.e - (p1.e + (q1.e - p1.e) * r.s), r.onFirst.n - (p1.n + (q1.n - p1.n) * r.s), r.onFirst.u - (p1.u + (q1.u - p1.u) * r.s))).toBeLessThan(1e-9);
      let sampled = Infinity;
      for (let a = 0; a <= samples; a++) {
        const x = { e: p1.e + ((q1.e - p1.e) * a) / samples, n: p1.n + ((q1.n - p1.n) * a) / samples, u: p1.u + ((q1.u - p1.u) * a) / samples };
        for (let b = 0; b <= samples; b++) {
          const y = { e: p2.e + ((q2.e - p2.e) * b) / samples, n: p2.n + ((q2.n - p2.n) * b) / samples, u: p2.u + ((q2.u - p2.u) * b) / samples };
          sampled = Math.min(sampled, Math.hypot(x.e - y.e, x.n - y.n, x.u - y.u));
        }
      }
      // The true minimum is at most any sampled distance, and the sampling is within half a step of it.
      const step = (Math.hypot(q1.e - p1.e, q1.n - p1.n, q1.u - p1.u) + Math.hypot(q2.e - p2.e, q2.n - p2.n, q2.u - p2.u)) / samples;
      expect(r.distanceM).toBeLessThanOrEqual(sampled + 1e-9);
      expect(r.distanceM).toBeGreaterThanOrEqual(sampled - step);
      // Symmetric in its arguments.
      expect(segmentDistance3d(p2, q2, p1, q1).distanceM).toBeCloseTo(r.distanceM, 9);
    }
  });
});
