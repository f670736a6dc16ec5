/**
 * Measuring on a level equirectangular panorama from the camera's height above the floor.
 *
 * A ray at pitch p < 0 meets the floor (a horizontal plane h metres below the lens) at horizontal
 * range r = h / tan(−p); its bearing places it on the plan. From there: distance between two floor
 * points, range to one, height of a vertical feature (range of its base, then h + r·tan(p_top)),
 * and the area of a floor polygon (shoelace). Assumes a level camera (GPano pitch/roll ≈ 0) on a
 * flat floor; these are the usual limits of single-panorama measurement.
 *
 * Uncertainty: each clicked point may be off by ±N image pixels in either axis (N · 360/W degrees).
 * Each of the 2k angles is nudged by ±N px in turn; half the spread of the result is that input's
 * share, and the shares add in quadrature (independent errors, first order). An optional
 * uncertainty of the camera height adds in quadrature the same way.
 */
import { degreesPerPixel, enuDirection, yawToBearing, type PanoramaDirection } from './equirect.js';

const DEG = Math.PI / 180;

/** Shallowest downward pitch accepted for a floor point: below this the range explodes (1° at 1.6 m ≈ 92 m). */
export const MIN_FLOOR_DEPRESSION_DEG = 1;

export type MeasurementKind = 'distance' | 'range' | 'height' | 'area';

export const MEASUREMENT_POINTS: Record<MeasurementKind, { min: number; max: number }> = {
  distance: { min: 2, max: 2 },
  range: { min: 1, max: 1 },
  height: { min: 2, max: 2 },
  area: { min: 3, max: 64 },
};

/** What a measurement needs besides the clicked directions. */
export interface MeasureContext {
  /** Lens height above the floor, metres. */
  cameraHeightM: number;
  /** Width of the full-resolution panorama, pixels (sets the angle of one pixel). */
  imageWidthPx: number;
  /** Assumed click/feature error, image pixels (default 1). */
  pixelErrorPx?: number;
  /** Uncertainty of the camera height, metres (default 0). */
  cameraHeightErrorM?: number;
  /** Bearing of the image centre; only changes plan positions, not lengths. Default 0. */
  headingDeg?: number;
}

/** A measured value with its unit and one-standard-deviation uncertainty in the same unit. */
export interface MeasuredValue {
  kind: MeasurementKind;
  value: number;
  unit: 'm' | 'm²';
  uncertainty: number;
}

/** A point on the floor relative to the camera's foot, metres east/north. */
export interface FloorPoint {
  e: number;
  n: number;
  rangeM: number;
}

export class MeasurementError extends Error {}

/** Where a downward ray meets the floor. Throws for rays at or above the horizon. */
export function floorPoint(dir: PanoramaDirection, cameraHeightM: number, headingDeg = 0): FloorPoint {
  if (dir.pitchDeg > -MIN_FLOOR_DEPRESSION_DEG) {
    throw new MeasurementError(`a floor point must be at least ${MIN_FLOOR_DEPRESSION_DEG}° below the horizon (got ${dir.pitchDeg.toFixed(2)}°)`);
  }
  const range = cameraHeightM / Math.tan(-dir.pitchDeg * DEG);
  const d = enuDirection(yawToBearing(dir.yawDeg, headingDeg), 0);
  return { e: d.e * range, n: d.n * range, rangeM: range };
}

/** The value itself, without uncertainty, for `kind` from clicked directions. */
export function measureValue(kind: MeasurementKind, points: readonly PanoramaDirection[], cameraHeightM: number, headingDeg = 0): number {
  const limits = MEASUREMENT_POINTS[kind];
  if (points.length < limits.min || points.length > limits.max) {
    throw new MeasurementError(`${kind} needs ${limits.min === limits.max ? limits.min : `${limits.min}–${limits.max}`} points, got ${points.length}`);
  }
  switch (kind) {
    case 'range':
      return floorPoint(points[0]!, cameraHeightM, headingDeg).rangeM;
    case 'distance': {
      const a = floorPoint(points[0]!, cameraHeightM, headingDeg);
      const b = floorPoint(points[1]!, cameraHeightM, headingDeg);
      return Math.hypot(a.e - b.e, a.n - b.n);
    }
    case 'height': {
      // Base on the floor gives the range; the top is assumed straight above it.
      const base = floorPoint(points[0]!, cameraHeightM, headingDeg);
      const top = points[1]!.pitchDeg;
      if (top >= 89.9) throw new MeasurementError('the top is too close to the zenith to measure');
      return cameraHeightM + base.rangeM * Math.tan(top * DEG);
    }
    case 'area': {
      const ring = points.map((p) => floorPoint(p, cameraHeightM, headingDeg));
      let twice = 0;
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[(i + 1) % ring.length]!;
        twice += a.e * b.n - b.e * a.n;
      }
      return Math.abs(twice) / 2;
    }
  }
}

/** A measurement with its unit and uncertainty propagated from ±N px (see the module comment). */
export function measure(kind: MeasurementKind, points: readonly PanoramaDirection[], ctx: MeasureContext): MeasuredValue {
  const heading = ctx.headingDeg ?? 0;
  const value = measureValue(kind, points, ctx.cameraHeightM, heading);
  const stepDeg = (ctx.pixelErrorPx ?? 1) * degreesPerPixel(ctx.imageWidthPx);
  let variance = 0;
  const spread = (plus: () => number, minus: () => number) => {
    // A nudge that pushes a floor point over the horizon is itself the answer: unbounded.
    try {
      const half = (plus() - minus()) / 2;
      variance += half * half;
    } catch {
      variance = Number.POSITIVE_INFINITY;
    }
  };
  if (stepDeg > 0) {
    points.forEach((_p, i) => {
      for (const axis of ['yawDeg', 'pitchDeg'] as const) {
        const nudged = (delta: number) => points.map((q, j) => (j === i ? { ...q, [axis]: q[axis] + delta } : q));
        spread(
          () => measureValue(kind, nudged(stepDeg), ctx.cameraHeightM, heading),
          () => measureValue(kind, nudged(-stepDeg), ctx.cameraHeightM, heading),
        );
      }
    });
  }
  const dh = ctx.cameraHeightErrorM ?? 0;
  if (dh > 0) {
    spread(
      () => measureValue(kind, points, ctx.cameraHeightM + dh, heading),
      () => measureValue(kind, points, ctx.cameraHeightM - dh, heading),
    );
  }
  return { kind, value, unit: kind === 'area' ? 'm²' : 'm', uncertainty: Math.sqrt(variance) };
}
