/**
 * Head photos of registered workers, as files under DATA/workforce/photos. What comes in is
 * checked by its content (sharp reads the header; a file named .jpg that is not a JPEG is
 * refused), and what is kept is a JPEG of at most 50 KB: the national real-name platform refuses
 * head photos over 50 KB or in another format than JPG/PNG, so a photo that is stored here can be
 * uploaded there as it is.
 */
import { createHash } from 'node:crypto';
import { existsSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { PHOTO_STORED_MAX_BYTES } from '../../common/api/workforce.js';

/** The file names this store writes (and the only ones its route serves): no paths, no other names. */
export const PHOTO_FILE_PATTERN = /^w\d{1,10}-[0-9a-f]{12}\.jpg$/;

/** Largest image accepted, in pixels (a 48 MP phone photo fits; a decompression bomb does not). */
const MAX_INPUT_PIXELS = 50_000_000;

/** 358 × 441 px: the second-generation ID card's photo size, which the platform's samples use. */
const PHOTO_WIDTH = 358;
const PHOTO_HEIGHT = 441;

export type PhotoResult = { ok: true; file: string; bytes: number } | { ok: false; status: 415 | 400; message: string };

/**
 * Checks `input` is a JPEG or PNG by content, and writes it normalised (upright, cropped to the
 * ID photo's proportions, JPEG at the highest quality that fits 50 KB) as the worker's photo.
 */
export async function storeWorkerPhoto(dir: string, workerId: number, input: Buffer): Promise<PhotoResult> {
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    format = undefined;
  }
  if (format !== 'jpeg' && format !== 'png') {
    return { ok: false, status: 415, message: `this is not a JPEG or PNG image${format ? ` (it is ${format})` : ''}; upload a head photo as JPG or PNG` };
  }
  let jpeg: Buffer | null = null;
  try {
    const base = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().resize(PHOTO_WIDTH, PHOTO_HEIGHT, { fit: 'cover', position: 'attention' }).flatten({ background: '#ffffff' });
    for (const quality of [85, 75, 65, 55, 45, 35, 25]) {
      const out = await base.clone().jpeg({ quality, mozjpeg: true }).toBuffer();
      if (out.length <= PHOTO_STORED_MAX_BYTES) {
        jpeg = out;
        break;
      }
    }
  } catch (error) {
    return { ok: false, status: 400, message: `the image could not be read (${(error as Error).message}); it may be damaged` };
  }
  if (!jpeg) return { ok: false, status: 400, message: 'the image cannot be made smaller than 50 KB; upload a simpler head photo' };
  const file = `w${workerId}-${createHash('sha256').update(jpeg).digest('hex').slice(0, 12)}.jpg`;
  const path = join(dir, file);
  // Written beside, then renamed: a reader never sees half a photo.
  writeFileSync(`${path}.part`, jpeg);
  renameSync(`${path}.part`, path);
  return { ok: true, file, bytes: jpeg.length };
}

/** Removes a replaced photo; a file already gone is fine. */
export function removePhoto(dir: string, file: string | null): void {
  if (!file || !PHOTO_FILE_PATTERN.test(file)) return;
  const path = join(dir, file);
  if (existsSync(path)) unlinkSync(path);
}
