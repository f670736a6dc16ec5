import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { TILE_SIZE, tileLevels, type TileLevel } from '../../common/panorama/tiles.js';
import { PanoramaRejected } from './image-check.js';

/** JPEG quality of tiles: 80 keeps site detail (rebar, cracks) legible at a third of q95's size. */
const TILE_QUALITY = 80;
export const THUMB_WIDTH = 256;

/**
 * Writes the tile pyramid and the thumbnail of one panorama into `dir` (a work folder inside the
 * store), in one libvips pipeline: the image is decoded once and every level is cut as it streams
 * (sharp `.tile()`, Deep Zoom layout). Runs on libuv's thread pool, so the core's event loop
 * stays free. A decode failure here is the "corrupt image" answer: the header was fine but the
 * pixel data is not (`failOn: 'warning'` makes libvips stop at a truncated or damaged JPEG
 * instead of padding it with grey).
 */
export async function writeTiles(bytes: Buffer, dir: string, width: number, height: number): Promise<TileLevel[]> {
  try {
    await sharp(bytes, { failOn: 'warning', limitInputPixels: 16384 * 8192 })
      .jpeg({ quality: TILE_QUALITY })
      .tile({ size: TILE_SIZE, overlap: 0, layout: 'dz', depth: 'onetile', container: 'fs' })
      .toFile(join(dir, 'tiles.dz'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code)) throw error; // a disk problem, not the image's
    throw new PanoramaRejected('corrupt', `the image data is damaged: ${(error as Error).message.split('\n')[0]}`);
  }
  renameSync(join(dir, 'tiles_files'), join(dir, 'tiles'));
  rmSync(join(dir, 'tiles.dzi'), { force: true });
  rmSync(join(dir, 'tiles', 'vips-properties.xml'), { force: true });
  const levels = tileLevels(width, height);
  // libvips and our arithmetic must agree, or the viewer asks for tiles that do not exist.
  const written = readdirSync(join(dir, 'tiles')).length;
  if (written !== levels.length) throw new Error(`tiler wrote ${written} levels, expected ${levels.length}`);
  return levels;
}

/** The thumbnail comes from level 0 (one 512 px tile), not the full image: no second decode. */
export async function writeThumbnail(dir: string): Promise<void> {
  await sharp(join(dir, 'tiles', '0', '0_0.jpeg')).resize(THUMB_WIDTH, THUMB_WIDTH / 2, { fit: 'fill' }).jpeg({ quality: 75 }).toFile(join(dir, 'thumb.jpeg'));
}
