/**
 * Inspection and rectification photos, as files under DATA/quality/photos. The type is read from
 * the bytes (sharp reads the header; a text file named .jpg is refused) and only JPEG, PNG and
 * WebP are kept — what phones and the console's browsers produce. A photo is kept as sent (no
 * re-encoding: it is evidence), named by its content's hash, so the same photo twice is one file.
 */
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { QUALITY_PHOTO_FORMATS, QUALITY_PHOTO_MAX_BYTES, type QualityPhotoFormat } from '../../common/quality.js';

/** The names this store writes (and the only ones its route serves). */
export const QUALITY_PHOTO_PATTERN = /^q-[0-9a-f]{20}\.(jpg|png|webp)$/;

/** Largest image, in pixels: a 48 MP phone photo fits; a decompression bomb does not. */
const MAX_INPUT_PIXELS = 60_000_000;

const EXTENSION: Record<QualityPhotoFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

export const CONTENT_TYPE: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export type PhotoCheck =
  | { ok: true; file: string; format: QualityPhotoFormat; bytes: number; width: number; height: number }
  | { ok: false; status: 400 | 413 | 415; message: string };

/** Checks `input` is a JPEG, PNG or WebP image within the limits, and writes it under `dir`. */
export async function storeQualityPhoto(dir: string, input: Buffer): Promise<PhotoCheck> {
  if (input.length === 0) return { ok: false, status: 400, message: 'the photo is empty' };
  if (input.length > QUALITY_PHOTO_MAX_BYTES) {
    return { ok: false, status: 413, message: `the photo is ${(input.length / 2 ** 20).toFixed(1)} MiB, over the ${QUALITY_PHOTO_MAX_BYTES / 2 ** 20} MiB limit` };
  }
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    return { ok: false, status: 415, message: 'this file is not an image; attach a photo as JPEG, PNG or WebP' };
  }
  const format = meta.format as string | undefined;
  if (!format || !(QUALITY_PHOTO_FORMATS as readonly string[]).includes(format)) {
    return { ok: false, status: 415, message: `this is not a JPEG, PNG or WebP photo${format ? ` (it is ${format})` : ''}; attach a photo in one of those formats` };
  }
  const { width, height } = meta;
  if (!width || !height) return { ok: false, status: 400, message: 'the image has no size; it may be damaged' };
  if (width * height > MAX_INPUT_PIXELS) return { ok: false, status: 413, message: `the image is ${width}×${height} pixels, over the ${MAX_INPUT_PIXELS / 1e6} megapixel limit` };
  const ext = EXTENSION[format as QualityPhotoFormat];
  const file = `q-${createHash('sha256').update(input).digest('hex').slice(0, 20)}.${ext}`;
  const path = join(dir, file);
  if (!existsSync(path)) {
    // Written beside, then renamed: a reader never sees half a photo.
    writeFileSync(`${path}.part`, input);
    renameSync(`${path}.part`, path);
  }
  return { ok: true, file, format: format as QualityPhotoFormat, bytes: input.length, width, height };
}
