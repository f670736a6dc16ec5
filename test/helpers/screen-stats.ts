import type { Page } from 'playwright-core';
import sharp from 'sharp';

/**
 * Pixel statistics of one region of the page, for screenshot tests that must fail on a broken
 * screen: a blank or error page is one background colour with little "ink"; a live view has many
 * colours; an alarm list shows the priority colours (styles/app.css --alarm-*).
 */
export interface ScreenStats {
  width: number;
  height: number;
  /** Distinct colours, each channel quantised to 32 levels. */
  distinctColours: number;
  /** Share of pixels visibly different (RGB distance > 48) from the most common colour, 0–1. */
  ink: number;
  /** Pixels within RGB distance `tolerance` of `hex` (e.g. '#e0312b'). */
  pixelsNear(hex: string, tolerance?: number): number;
}

/** Screenshot of the first element matching `selector` (the whole viewport when null), measured. */
export async function screenStats(page: Page, selector: string | null): Promise<ScreenStats> {
  const png = selector ? await page.locator(selector).first().screenshot() : await page.screenshot();
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const pixels = info.width * info.height;
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += 3) {
    const key = ((data[i]! >> 3) << 10) | ((data[i + 1]! >> 3) << 5) | (data[i + 2]! >> 3);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let commonKey = 0;
  let commonCount = -1;
  for (const [key, n] of counts) if (n > commonCount) [commonKey, commonCount] = [key, n];
  const common = [((commonKey >> 10) & 31) * 8 + 4, ((commonKey >> 5) & 31) * 8 + 4, (commonKey & 31) * 8 + 4] as const;
  const near = (rgb: readonly [number, number, number], tolerance: number): number => {
    let n = 0;
    const t2 = tolerance * tolerance;
    for (let i = 0; i < data.length; i += 3) {
      const dr = data[i]! - rgb[0];
      const dg = data[i + 1]! - rgb[1];
      const db = data[i + 2]! - rgb[2];
      if (dr * dr + dg * dg + db * db <= t2) n++;
    }
    return n;
  };
  return {
    width: info.width,
    height: info.height,
    distinctColours: counts.size,
    ink: 1 - near(common, 48) / pixels,
    pixelsNear: (hex, tolerance = 40) => {
      const v = Number.parseInt(hex.replace('#', ''), 16);
      return near([(v >> 16) & 255, (v >> 8) & 255, v & 255], tolerance);
    },
  };
}
