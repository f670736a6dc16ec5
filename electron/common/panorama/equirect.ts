/**
 * Angles on an equirectangular panorama, and the conventions every panorama module shares.
 *
 * - Image yaw: degrees from the image's centre column, positive to the right (clockwise seen from
 *   above), in [-180, 180). Pixel column 0 is yaw −180°, the centre column is 0°.
 * - Pitch: degrees above the horizon (positive up), row 0 is +90° (zenith), the last row −90°.
 * - Bearing: degrees clockwise from site north. GPano's PoseHeadingDegrees is the bearing of the
 *   image centre (https://developers.google.com/streetview/spherical-metadata), so
 *   bearing = heading + yaw.
 * - Pixel coordinates are continuous: the centre of pixel (0, 0) is (0.5, 0.5).
 */

const DEG = Math.PI / 180;

/** A direction seen from the camera: image yaw and pitch, degrees. */
export interface PanoramaDirection {
  yawDeg: number;
  pitchDeg: number;
}

/** Wraps an angle into [-180, 180). */
export function wrapDeg(deg: number): number {
  const w = ((((deg + 180) % 360) + 360) % 360) - 180;
  return w === 180 ? -180 : w;
}

/** Continuous pixel position (x right, y down) on a W×H equirect image → yaw/pitch. */
export function pixelToDirection(x: number, y: number, width: number, height: number): PanoramaDirection {
  return { yawDeg: (x / width) * 360 - 180, pitchDeg: 90 - (y / height) * 180 };
}

/** Yaw/pitch → continuous pixel position on a W×H equirect image. */
export function directionToPixel(dir: PanoramaDirection, width: number, height: number): { x: number; y: number } {
  return { x: ((wrapDeg(dir.yawDeg) + 180) / 360) * width, y: ((90 - dir.pitchDeg) / 180) * height };
}

/** Degrees one pixel spans, both across and down (an equirect image is 2:1 so they are equal). */
export function degreesPerPixel(width: number): number {
  return 360 / width;
}

/** Bearing (clockwise from north) of an image yaw, for a capture whose centre points at `headingDeg`. */
export function yawToBearing(yawDeg: number, headingDeg: number): number {
  return ((((headingDeg + yawDeg) % 360) + 360) % 360);
}

export function bearingToYaw(bearingDeg: number, headingDeg: number): number {
  return wrapDeg(bearingDeg - headingDeg);
}

/** Unit vector in the site's east-north-up frame for a bearing and pitch. */
export function enuDirection(bearingDeg: number, pitchDeg: number): { e: number; n: number; u: number } {
  const b = bearingDeg * DEG;
  const p = pitchDeg * DEG;
  return { e: Math.cos(p) * Math.sin(b), n: Math.cos(p) * Math.cos(b), u: Math.sin(p) };
}

/** Bearing and pitch of an ENU vector. */
export function enuToBearingPitch(v: { e: number; n: number; u: number }): { bearingDeg: number; pitchDeg: number } {
  const horizontal = Math.hypot(v.e, v.n);
  const bearing = (Math.atan2(v.e, v.n) / DEG + 360) % 360;
  return { bearingDeg: bearing, pitchDeg: Math.atan2(v.u, horizontal) / DEG };
}
