import type { EnuPosition } from '../site.js';
import { counterJibSegment, frontJibSegment, hoistRope, mastSegment, type CraneGeometry, type CranePose } from './crane.js';
import { segmentDistance3d } from './segment-distance.js';
import type { Segment3d } from './vector.js';

/**
 * Group anti-collision (群塔防碰撞): how close two tower cranes' moving parts are, shared by the 3D
 * view (conflict marker) and the alarm rules.
 *
 * The default 2 m safety distance is GB 5144-2006 §10.5: the lower crane's jib end at least 2 m
 * from the other crane's mast, and at least 2 m vertically between the higher crane's lowest part
 * and the lower crane's highest part.
 */

export { segmentDistance3d, type SegmentClosestPoints } from './segment-distance.js';

/** Where a crane stands and how big it is: enough to know which pairs of cranes can ever meet. */
export interface CraneLayout {
  /** Mast axis at the crane base, ENU metres (the device `position`). */
  base: EnuPosition;
  geometry: CraneGeometry;
}

/** A crane at one moment: its layout plus the slew, trolley radius and hook height it reports. */
export interface CraneState extends CraneLayout {
  telemetry: CranePose;
}

/** A part of a tower crane that can strike another crane. */
export type CranePart = 'jib' | 'counterJib' | 'rope' | 'mast';

/** The closest approach between two cranes' parts at one moment. */
export interface CraneClearance {
  /** Minimum 3D distance between the compared parts, metres (0 when they intersect). */
  distanceM: number;
  /** Which part of crane `a` is closest. */
  partA: CranePart;
  /** Which part of crane `b` is closest. */
  partB: CranePart;
  /** Closest point on `a`'s part, ENU metres (where to draw the conflict marker). */
  pointA: EnuPosition;
  /** Closest point on `b`'s part, ENU metres. */
  pointB: EnuPosition;
}

/**
 * Distances closer than this, metres, count as a tie when choosing which pair of parts to report:
 * rounding in sin/cos makes an exact 0 come out as 1e-15 for one pair and 0 for another.
 */
const TIE_M = 1e-6;

/** How an alarm rule reads a clearance. */
export type ClearanceLevel = 'critical' | 'warning' | 'clear';

/**
 * Whether two cranes can ever come near each other, whatever they slew to: the horizontal distance
 * between the masts is at most the sum of what each sweeps (plus `marginM`, e.g. the safety
 * distance). Each crane's sweep is the longer of its jib and counter-jib: the counter-jib (and the
 * counterweight below it) of the taller crane sweeps over the lower crane's jib, and at equal
 * heights both can meet anything. A screening test to decide which pairs to monitor: true when
 * exactly touching, since tips meeting is a collision.
 */
export function reachesOverlap(a: CraneLayout, b: CraneLayout, marginM = 0): boolean {
  const horizontal = Math.hypot(a.base.e - b.base.e, a.base.n - b.base.n);
  return horizontal <= sweepRadius(a.geometry) + sweepRadius(b.geometry) + marginM;
}

/**
 * Minimum 3D distance between two cranes at one moment, which parts are closest, and the closest
 * points. Compared, each crane against the other:
 * - jib and counter-jib against the other's jib and counter-jib (jibs at similar heights);
 * - jib and counter-jib against the other's hoist rope down to the hook (a lower jib slewing into
 *   the higher crane's rope, the higher counter-jib over a rope raised to the top);
 * - jib, counter-jib and rope against the other's mast (GB 5144-2006 §10.5, lower jib end to mast).
 * Rope against rope is left out because it can never be the minimum: the lower rope hangs from a
 * trolley on the lower jib, so the higher rope is at least as close to that jib as to the lower rope.
 * Mast against mast is left out because it does not move (a layout check, not an alarm).
 * On ties (within 1 µm) the earlier pair in the list above is reported, so touching jibs read as
 * jib against jib even where a rope hangs from the touching point.
 */
export function craneClearance(a: CraneState, b: CraneState): CraneClearance {
  const partsA = craneParts(a);
  const partsB = craneParts(b);
  const pairs: Array<[PartSegment, PartSegment]> = [];
  for (const pa of partsA.structure) for (const pb of partsB.structure) pairs.push([pa, pb]);
  for (const pa of partsA.structure) pairs.push([pa, partsB.rope]);
  for (const pb of partsB.structure) pairs.push([partsA.rope, pb]);
  for (const pa of [...partsA.structure, partsA.rope]) pairs.push([pa, partsB.mast]);
  for (const pb of [...partsB.structure, partsB.rope]) pairs.push([partsA.mast, pb]);

  let best: CraneClearance | null = null;
  for (const [pa, pb] of pairs) {
    const closest = segmentDistance3d(pa.segment.start, pa.segment.end, pb.segment.start, pb.segment.end);
    if (best === null || closest.distanceM < best.distanceM - TIE_M) {
      best = { distanceM: closest.distanceM, partA: pa.part, partB: pb.part, pointA: closest.onFirst, pointB: closest.onSecond };
    }
  }
  // Never null: there is always the jib-against-jib pair.
  return best as CraneClearance;
}

/**
 * Reads a clearance against the safety distance (metres, default 2 m from GB 5144-2006 §10.5):
 * 'critical' below it, 'warning' below twice it, otherwise 'clear'. Throws on a NaN distance
 * rather than calling it clear: NaN means bad telemetry reached the geometry, and an anti-collision
 * rule must not read that as safe.
 */
export function classifyClearance(distanceM: number, safetyDistanceM = 2): ClearanceLevel {
  if (Number.isNaN(distanceM)) throw new RangeError('clearance distance is NaN');
  if (!(safetyDistanceM > 0) || !Number.isFinite(safetyDistanceM)) {
    throw new RangeError(`safety distance must be a positive number of metres, got ${safetyDistanceM}`);
  }
  if (distanceM < safetyDistanceM) return 'critical';
  if (distanceM < 2 * safetyDistanceM) return 'warning';
  return 'clear';
}

interface PartSegment {
  part: CranePart;
  segment: Segment3d;
}

function sweepRadius(geometry: CraneGeometry): number {
  return Math.max(geometry.jibLengthM, geometry.counterJibLengthM);
}

interface CraneParts {
  /** Jib, then counter-jib when the crane has one. */
  structure: PartSegment[];
  rope: PartSegment;
  mast: PartSegment;
}

function craneParts(crane: CraneState): CraneParts {
  const { base, geometry, telemetry } = crane;
  const structure: PartSegment[] = [{ part: 'jib', segment: frontJibSegment(base, geometry, telemetry.slewDeg) }];
  // Without a counter-jib there is no such part: a zero-length one at the mast top would only win
  // ties against the jib there and mislabel the result.
  if (geometry.counterJibLengthM > 0) structure.push({ part: 'counterJib', segment: counterJibSegment(base, geometry, telemetry.slewDeg) });
  return {
    structure,
    rope: { part: 'rope', segment: hoistRope(base, telemetry, geometry) },
    mast: { part: 'mast', segment: mastSegment(base, geometry) },
  };
}
