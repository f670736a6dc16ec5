/**
 * The tile pyramid the core writes for each capture (libvips Deep Zoom layout, `depth: onetile`):
 * level 0 fits in one tile, each next level doubles, the last is the full image. Tiles are
 * TILE_SIZE px squares (smaller at the right and bottom edges), named `COL_ROW.jpeg`.
 */
export const TILE_SIZE = 512;

export interface TileLevel {
  level: number;
  width: number;
  height: number;
  cols: number;
  rows: number;
}

/** Levels for a W×H image, smallest first (matches libvips: each level is ceil(previous / 2)). */
export function tileLevels(width: number, height: number, tileSize = TILE_SIZE): TileLevel[] {
  const sizes: { width: number; height: number }[] = [{ width, height }];
  while (sizes[0]!.width > tileSize || sizes[0]!.height > tileSize) {
    const s = sizes[0]!;
    sizes.unshift({ width: Math.ceil(s.width / 2), height: Math.ceil(s.height / 2) });
  }
  return sizes.map((s, level) => ({ level, ...s, cols: Math.ceil(s.width / tileSize), rows: Math.ceil(s.height / tileSize) }));
}

/** URL of one tile of a capture (GET with the bearer token, or `?token=` on an <img>). */
export function tileUrl(captureId: string, level: number, col: number, row: number): string {
  return `/api/media/panoramas/${captureId}/tiles/${level}/${col}_${row}.jpeg`;
}

export function thumbnailUrl(captureId: string): string {
  return `/api/media/panoramas/${captureId}/thumb.jpeg`;
}

/** Yaw/pitch rectangle (degrees) a tile covers, for laying it on the sphere. */
export function tileBounds(level: TileLevel, col: number, row: number, tileSize = TILE_SIZE): { yaw0: number; yaw1: number; pitchTop: number; pitchBottom: number } {
  const x0 = col * tileSize;
  const x1 = Math.min(level.width, x0 + tileSize);
  const y0 = row * tileSize;
  const y1 = Math.min(level.height, y0 + tileSize);
  return {
    yaw0: (x0 / level.width) * 360 - 180,
    yaw1: (x1 / level.width) * 360 - 180,
    pitchTop: 90 - (y0 / level.height) * 180,
    pitchBottom: 90 - (y1 / level.height) * 180,
  };
}
