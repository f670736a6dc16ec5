import type { EnuPosition } from '../../../electron/common/site.js';

/** A site camera's pose as the site file gives it (SiteModel.cameras). */
export interface CameraPose {
  position: EnuPosition;
  /** Degrees clockwise from north. */
  headingDeg: number;
  /** Degrees below the horizon (positive looks down). */
  pitchDeg: number;
  /** Horizontal field of view, degrees. */
  fovDeg: number;
}

/**
 * The four far corners of a camera's view pyramid, ENU metres, `rangeM` along the optical axis
 * from the camera: top-left, top-right, bottom-right, bottom-left as seen by the camera.
 * `aspect` is width / height of the picture (16:9 for the site cameras); the vertical field of
 * view follows from the horizontal one through the tangents, as in a pinhole camera.
 * Writes into `out` (4 points) when given, so redrawing allocates nothing.
 */
export function frustumCorners(pose: CameraPose, rangeM: number, aspect = 16 / 9, out?: EnuPosition[]): EnuPosition[] {
  const h = (pose.headingDeg * Math.PI) / 180;
  const p = (pose.pitchDeg * Math.PI) / 180;
  // Optical axis: heading clockwise from north, tipped down by the pitch.
  const de = Math.sin(h) * Math.cos(p);
  const dn = Math.cos(h) * Math.cos(p);
  const du = -Math.sin(p);
  // Right of the picture: horizontal, 90° clockwise from the heading.
  const re = Math.cos(h);
  const rn = -Math.sin(h);
  // Up of the picture: right × axis.
  const ue = rn * du;
  const un = -re * du;
  const uu = re * dn - rn * de;
  const tanH = Math.tan((pose.fovDeg * Math.PI) / 360);
  const tanV = tanH / aspect;
  const corners = out ?? [
    { e: 0, n: 0, u: 0 },
    { e: 0, n: 0, u: 0 },
    { e: 0, n: 0, u: 0 },
    { e: 0, n: 0, u: 0 },
  ];
  const signs: Array<[number, number]> = [
    [-1, 1],
    [1, 1],
    [1, -1],
    [-1, -1],
  ];
  for (let i = 0; i < 4; i++) {
    const [sx, sy] = signs[i]!;
    const c = corners[i]!;
    c.e = pose.position.e + rangeM * (de + sx * tanH * re + sy * tanV * ue);
    c.n = pose.position.n + rangeM * (dn + sx * tanH * rn + sy * tanV * un);
    c.u = pose.position.u + rangeM * (du + sy * tanV * uu);
  }
  return corners;
}
