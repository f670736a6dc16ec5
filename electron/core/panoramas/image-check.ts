import sharp from 'sharp';
import type { PanoramaRejectReason } from '../../common/panorama/types.js';

/** Width/height of an equirectangular panorama is 2; this much off is still accepted (rounding in stitchers). */
export const ASPECT_TOLERANCE = 0.01;

export interface ImageFacts {
  format: 'jpeg' | 'png';
  width: number;
  height: number;
}

export class PanoramaRejected extends Error {
  constructor(
    readonly reason: PanoramaRejectReason,
    message: string,
  ) {
    super(message);
    this.name = 'PanoramaRejected';
  }
}

const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Checks a submitted file is a 2:1 JPEG or PNG from its header only (cheap); whether the pixel
 * data decodes is found when tiling, which reads every pixel anyway (see tiler.ts).
 */
export async function checkPanoramaImage(bytes: Buffer, maxBytes: number): Promise<ImageFacts> {
  if (bytes.length > maxBytes) {
    throw new PanoramaRejected('too-large', `the file is ${(bytes.length / 2 ** 20).toFixed(1)} MiB, over the ${(maxBytes / 2 ** 20).toFixed(0)} MiB limit`);
  }
  const isJpeg = startsWith(bytes, JPEG_MAGIC);
  const isPng = startsWith(bytes, PNG_MAGIC);
  if (!isJpeg && !isPng) throw new PanoramaRejected('not-an-image', 'not a JPEG or PNG image (the first bytes are neither)');
  let meta: { width?: number; height?: number };
  try {
    meta = await sharp(bytes).metadata();
  } catch (error) {
    throw new PanoramaRejected('corrupt', `the ${isJpeg ? 'JPEG' : 'PNG'} header cannot be read: ${(error as Error).message}`);
  }
  const { width, height } = meta;
  if (!width || !height) throw new PanoramaRejected('corrupt', 'the image has no size');
  const aspect = width / height;
  if (Math.abs(aspect - 2) > 2 * ASPECT_TOLERANCE) {
    throw new PanoramaRejected('wrong-aspect', `${width}×${height} is not an equirectangular panorama (width must be twice the height; this is ${aspect.toFixed(3)}:1)`);
  }
  return { format: isJpeg ? 'jpeg' : 'png', width, height };
}
