/**
 * The viewer's pinhole camera as pure maths, so clicks, hotspots and the e2e test agree with what
 * three.js draws. The three.js camera sits at the origin with rotation order YXZ, rotation.y =
 * −bearing and rotation.x = pitch, in a frame with x east, y up, z south (three.js looks down −z).
 */
import { enuDirection, enuToBearingPitch } from './equirect.js';

const DEG = Math.PI / 180;

/** Where the viewer looks: bearing and pitch of the screen centre, vertical field of view, degrees. */
export interface ViewState {
  bearingDeg: number;
  pitchDeg: number;
  fovDeg: number;
}

export const MIN_FOV_DEG = 20;
export const MAX_FOV_DEG = 100;

export function clampView(view: ViewState): ViewState {
  return {
    bearingDeg: ((view.bearingDeg % 360) + 360) % 360,
    pitchDeg: Math.max(-89, Math.min(89, view.pitchDeg)),
    fovDeg: Math.max(MIN_FOV_DEG, Math.min(MAX_FOV_DEG, view.fovDeg)),
  };
}

/** Camera-space coordinates (x right, y up, z toward the viewer) of a bearing/pitch direction. */
function toCamera(bearingDeg: number, pitchDeg: number, view: ViewState): { x: number; y: number; z: number } {
  const d = enuDirection(bearingDeg, pitchDeg);
  // World (three.js): x = e, y = u, z = −n. Undo rotation.y = −bearing, then rotation.x = pitch.
  const b = view.bearingDeg * DEG;
  const p = view.pitchDeg * DEG;
  const wx = d.e;
  const wy = d.u;
  const wz = -d.n;
  const x1 = Math.cos(b) * wx + Math.sin(b) * wz;
  const z1 = -Math.sin(b) * wx + Math.cos(b) * wz;
  const y2 = Math.cos(p) * wy + Math.sin(p) * z1;
  const z2 = -Math.sin(p) * wy + Math.cos(p) * z1;
  return { x: x1, y: y2, z: z2 };
}

/** Screen position in CSS pixels of a direction, or null when it is behind the viewer. */
export function projectToScreen(bearingDeg: number, pitchDeg: number, view: ViewState, width: number, height: number): { x: number; y: number } | null {
  const c = toCamera(bearingDeg, pitchDeg, view);
  if (c.z >= -1e-6) return null;
  const f = 1 / Math.tan((view.fovDeg * DEG) / 2);
  const ndcX = ((c.x / -c.z) * f) / (width / height);
  const ndcY = (c.y / -c.z) * f;
  return { x: ((ndcX + 1) / 2) * width, y: ((1 - ndcY) / 2) * height };
}

/** The bearing/pitch under a screen position (CSS pixels). */
export function screenToDirection(x: number, y: number, view: ViewState, width: number, height: number): { bearingDeg: number; pitchDeg: number } {
  const f = 1 / Math.tan((view.fovDeg * DEG) / 2);
  const ndcX = (x / width) * 2 - 1;
  const ndcY = 1 - (y / height) * 2;
  // Camera-space ray, then apply rotation.x = pitch and rotation.y = −bearing.
  const cx = (ndcX * (width / height)) / f;
  const cy = ndcY / f;
  const cz = -1;
  const p = view.pitchDeg * DEG;
  const b = view.bearingDeg * DEG;
  const y1 = Math.cos(p) * cy - Math.sin(p) * cz;
  const z1 = Math.sin(p) * cy + Math.cos(p) * cz;
  const wx = Math.cos(b) * cx - Math.sin(b) * z1;
  const wz = Math.sin(b) * cx + Math.cos(b) * z1;
  return enuToBearingPitch({ e: wx, n: -wz, u: y1 });
}
