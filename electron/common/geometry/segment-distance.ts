import type { EnuPosition } from '../site.js';
import { dot, lerp, sub, distance } from './vector.js';

/** The closest points between two 3D segments and the distance between them. */
export interface SegmentClosestPoints {
  /** Distance between the segments, metres. */
  distanceM: number;
  /** Fraction along the first segment (0 = p1, 1 = q1) of its closest point. */
  s: number;
  /** Fraction along the second segment (0 = p2, 1 = q2) of its closest point. */
  t: number;
  /** Closest point on the first segment. */
  onFirst: EnuPosition;
  /** Closest point on the second segment. */
  onSecond: EnuPosition;
}

/**
 * A segment shorter than this (squared, m²) is treated as a point: 1 µm, far below anything a
 * crane monitor resolves, yet well above rounding on site-sized coordinates.
 */
const POINT_LENGTH2 = 1e-12;
/**
 * Segments whose directions' cross product is below this fraction of |d1|²|d2|² (sin²θ, θ < ~0.06°)
 * are treated as parallel. Any s is then as good as another on the overlap, and choosing s = 0
 * keeps the answer stable instead of driven by rounding noise.
 */
const PARALLEL_SIN2 = 1e-12;

/**
 * Closest points between segments p1–q1 and p2–q2 (Ericson, "Real-Time Collision Detection",
 * 2005, §5.1.9 ClosestPtSegmentSegment). Handles parallel and zero-length segments: when several
 * pairs are equally close (parallel overlap) one of them is returned.
 */
export function segmentDistance3d(p1: EnuPosition, q1: EnuPosition, p2: EnuPosition, q2: EnuPosition): SegmentClosestPoints {
  const d1 = sub(q1, p1);
  const d2 = sub(q2, p2);
  const r = sub(p1, p2);
  const a = dot(d1, d1);
  const e = dot(d2, d2);
  const f = dot(d2, r);
  let s: number;
  let t: number;
  if (a <= POINT_LENGTH2 && e <= POINT_LENGTH2) {
    s = 0;
    t = 0;
  } else if (a <= POINT_LENGTH2) {
    s = 0;
    t = clamp01(f / e);
  } else {
    const c = dot(d1, r);
    if (e <= POINT_LENGTH2) {
      t = 0;
      s = clamp01(-c / a);
    } else {
      const b = dot(d1, d2);
      const denom = a * e - b * b;
      s = denom > PARALLEL_SIN2 * a * e ? clamp01((b * f - c * e) / denom) : 0;
      // Closest point on line 2 to the chosen point on segment 1; if it falls off segment 2,
      // clamp it and recompute the point on segment 1 for that end.
      t = (b * s + f) / e;
      if (t < 0) {
        t = 0;
        s = clamp01(-c / a);
      } else if (t > 1) {
        t = 1;
        s = clamp01((b - c) / a);
      }
    }
  }
  const onFirst = lerp(p1, q1, s);
  const onSecond = lerp(p2, q2, t);
  return { distanceM: distance(onFirst, onSecond), s, t, onFirst, onSecond };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
