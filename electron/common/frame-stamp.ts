/**
 * The frame stamp: a camera that stamps each frame with its wall-clock time in pixels, so the time
 * from camera to screen can be read off the frame a browser is showing (draw the `<video>` to a
 * canvas, decode, compare with the page's clock). Used by the test camera
 * (test/helpers/rtsp-camera.py `--stamp`, which mirrors these constants), the lag bench and the
 * tiles of cameras that are known to stamp.
 *
 * Layout: one row of STAMP_BITS square blocks on the luma plane, one block in from the top-left
 * corner; white (Y 235) is 1, black (Y 16) is 0, chroma neutral so the row reads grey in RGB. Bits,
 * most significant first: 40 bits of Unix time in ms modulo 2^40 (wraps every ~35 years), then an
 * 8-bit check (the sum of those five bytes modulo 256) so a frame mangled by the encoder is
 * refused rather than misread. Blocks are large (1/80 of the width, at least 8 px) so H.264 at a
 * camera's bitrate keeps them readable.
 */

export const STAMP_TIME_BITS = 40;
export const STAMP_CHECK_BITS = 8;
export const STAMP_BITS = STAMP_TIME_BITS + STAMP_CHECK_BITS;
const TIME_MODULUS = 2 ** STAMP_TIME_BITS;

/** Side of one block in pixels for a frame `width` wide (a multiple of 8, so it sits on macroblocks). */
export function stampBlockSize(width: number): number {
  return Math.max(8, Math.floor(width / 80 / 8) * 8);
}

/** Where the stamp row sits in a frame `width` wide: its left/top corner and block size, px. */
export function stampRegion(width: number): { x: number; y: number; block: number; width: number; height: number } {
  const block = stampBlockSize(width);
  return { x: block, y: block, block, width: block * STAMP_BITS, height: block };
}

/** The 48 bits for a time in ms (most significant first). */
export function stampBits(timeMs: number): number[] {
  const value = ((Math.floor(timeMs) % TIME_MODULUS) + TIME_MODULUS) % TIME_MODULUS;
  const bytes = bytesOf(value);
  const check = bytes.reduce((a, b) => a + b, 0) % 256;
  const bits: number[] = [];
  for (let i = STAMP_TIME_BITS - 1; i >= 0; i--) bits.push(Math.floor(value / 2 ** i) % 2);
  for (let i = STAMP_CHECK_BITS - 1; i >= 0; i--) bits.push((check >> i) & 1);
  return bits;
}

/**
 * Decodes the stamp from the luma (0–255) sampled at each block's centre, in order. Returns the
 * stamped time in ms, unwrapped to the era nearest `nowMs`, or null when the check fails (no stamp,
 * a smeared frame).
 */
export function decodeStamp(lumaAtBlocks: readonly number[], nowMs: number): number | null {
  if (lumaAtBlocks.length < STAMP_BITS) return null;
  let value = 0;
  for (let i = 0; i < STAMP_TIME_BITS; i++) value = value * 2 + (lumaAtBlocks[i]! >= 128 ? 1 : 0);
  let check = 0;
  for (let i = STAMP_TIME_BITS; i < STAMP_BITS; i++) check = check * 2 + (lumaAtBlocks[i]! >= 128 ? 1 : 0);
  if (bytesOf(value).reduce((a, b) => a + b, 0) % 256 !== check) return null;
  // Unwrap: the era of `nowMs` or its neighbour, whichever lands nearer.
  const era = Math.floor(nowMs / TIME_MODULUS) * TIME_MODULUS;
  const candidates = [era - TIME_MODULUS + value, era + value, era + TIME_MODULUS + value];
  return candidates.reduce((best, c) => (Math.abs(c - nowMs) < Math.abs(best - nowMs) ? c : best));
}

/**
 * Reads the stamp from RGBA pixels of the stamp row (as `getImageData` returns them for a canvas
 * the size of `stampRegion(frameWidth)`, drawn from the frame at its own scale).
 */
export function decodeStampRow(rgba: Uint8ClampedArray | Uint8Array, rowWidth: number, block: number, nowMs: number): number | null {
  const centreY = Math.floor(block / 2);
  const luma: number[] = [];
  for (let i = 0; i < STAMP_BITS; i++) {
    const x = i * block + Math.floor(block / 2);
    const at = (centreY * rowWidth + x) * 4;
    luma.push((rgba[at]! + rgba[at + 1]! + rgba[at + 2]!) / 3);
  }
  return decodeStamp(luma, nowMs);
}

function bytesOf(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  for (let i = 0; i < STAMP_TIME_BITS / 8; i++) {
    out.unshift(rest % 256);
    rest = Math.floor(rest / 256);
  }
  return out;
}
