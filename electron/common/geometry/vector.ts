import type { EnuPosition } from '../site.js';

/**
 * Small vector helpers on ENU triples (metres). Kept private to the geometry folder: callers get
 * points and segments, not a vector library.
 */

/** A straight piece of a structure or rope in the site's ENU frame, metres. */
export interface Segment3d {
  start: EnuPosition;
  end: EnuPosition;
}

export function add(a: EnuPosition, b: EnuPosition): EnuPosition {
  return { e: a.e + b.e, n: a.n + b.n, u: a.u + b.u };
}

export function sub(a: EnuPosition, b: EnuPosition): EnuPosition {
  return { e: a.e - b.e, n: a.n - b.n, u: a.u - b.u };
}

export function scale(a: EnuPosition, k: number): EnuPosition {
  return { e: a.e * k, n: a.n * k, u: a.u * k };
}

export function dot(a: EnuPosition, b: EnuPosition): number {
  return a.e * b.e + a.n * b.n + a.u * b.u;
}

/** Point at fraction `t` (0 = a, 1 = b) of the way from a to b. */
export function lerp(a: EnuPosition, b: EnuPosition, t: number): EnuPosition {
  return { e: a.e + (b.e - a.e) * t, n: a.n + (b.n - a.n) * t, u: a.u + (b.u - a.u) * t };
}

/** Straight-line distance, metres. */
export function distance(a: EnuPosition, b: EnuPosition): number {
  return Math.hypot(a.e - b.e, a.n - b.n, a.u - b.u);
}
