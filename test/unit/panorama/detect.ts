/** Finding the known marks and poles of a synthetic panorama in its decoded pixels, as an operator would click them. */
import { directionToPixel, enuToBearingPitch, bearingToYaw, type PanoramaDirection, pixelToDirection } from '../../../electron/common/panorama/equirect.js';
import { FLOOR, type FloorMark, type Pole, type Rgb, type SyntheticScene } from '../../helpers/synthetic-panorama.js';

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
}

/** Share of `color` in a pixel that is a blend of the floor and that colour; 0 for anything else (grid, sky). */
function coverage(img: RawImage, x: number, y: number, color: Rgb, background: Rgb): number {
  const xi = ((x % img.width) + img.width) % img.width;
  const i = (y * img.width + xi) * 3;
  const p = [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
  const d = [color[0] - background[0], color[1] - background[1], color[2] - background[2]];
  const q = [p[0]! - background[0], p[1]! - background[1], p[2]! - background[2]];
  const dd = d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2;
  const a = Math.max(0, Math.min(1, (q[0]! * d[0]! + q[1]! * d[1]! + q[2]! * d[2]!) / dd));
  const residual = Math.hypot(q[0]! - a * d[0]!, q[1]! - a * d[1]!, q[2]! - a * d[2]!);
  return residual > 25 || a < 0.05 ? 0 : a;
}

/** Where the scene puts a floor point (truth), as an image direction. */
export function trueDirection(scene: SyntheticScene, e: number, n: number, u = 0): PanoramaDirection {
  const v = enuToBearingPitch({ e, n, u: u - scene.cameraHeightM });
  return { yawDeg: bearingToYaw(v.bearingDeg, scene.headingDeg), pitchDeg: v.pitchDeg };
}

/** Coverage-weighted centroid of a mark's colour in a window around where it should be. */
export function findMark(img: RawImage, scene: SyntheticScene, mark: FloorMark, window = 24): PanoramaDirection {
  const guess = directionToPixel(trueDirection(scene, mark.e, mark.n), img.width, img.height);
  let sw = 0;
  let sx = 0;
  let sy = 0;
  const gx = Math.floor(guess.x);
  const gy = Math.floor(guess.y);
  for (let y = Math.max(0, gy - window); y <= Math.min(img.height - 1, gy + window); y++) {
    for (let x = gx - window; x <= gx + window; x++) {
      const a = coverage(img, x, y, mark.color, FLOOR);
      sw += a;
      sx += a * (x + 0.5);
      sy += a * (y + 0.5);
    }
  }
  if (sw === 0) throw new Error(`mark at ${mark.e},${mark.n} not found`);
  return pixelToDirection(sx / sw, sy / sw, img.width, img.height);
}

/**
 * The base (bottom edge on the floor) and top of a pole, in the image column through its axis:
 * edges from the coverage of the first and last covered pixels.
 */
export function findPole(img: RawImage, scene: SyntheticScene, pole: Pole): { base: PanoramaDirection; top: PanoramaDirection } {
  const axis = trueDirection(scene, pole.e, pole.n);
  const x = Math.floor(directionToPixel(axis, img.width, img.height).x);
  // The pole crosses the horizon (it is taller than the camera): walk up and down from there.
  const covered = (yy: number) => Math.max(coverage(img, x, yy, pole.color, FLOOR), coverage(img, x, yy, pole.color, yy < img.height / 2 ? skyAt(img, x, yy) : FLOOR));
  const mid = Math.floor(img.height / 2);
  if (covered(mid) < 0.5) throw new Error('pole not found at the horizon');
  let first = mid;
  while (first > 0 && covered(first - 1) > 0.02) first--;
  let last = mid;
  while (last < img.height - 1 && covered(last + 1) > 0.02) last++;
  const at = (yy: number) => {
    const a = Math.max(coverage(img, x, yy, pole.color, FLOOR), coverage(img, x, yy, pole.color, yy < img.height / 2 ? skyAt(img, x, yy) : FLOOR));
    return a;
  };
  const topY = first + 1 - at(first);
  const baseY = last + at(last);
  const col = x + 0.5;
  return { base: pixelToDirection(col, baseY, img.width, img.height), top: pixelToDirection(col, topY, img.width, img.height) };
}

/** The sky colour of a row, read a few columns away from the pole. */
function skyAt(img: RawImage, x: number, y: number): Rgb {
  const xi = (((x + 40) % img.width) + img.width) % img.width;
  const i = (y * img.width + xi) * 3;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
}
