import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { siteSchema } from '../../electron/core/config/site-schema.js';
import { tempDir } from './temp-dir.js';

/** A site file as an installer writes it (defaults left out), checked by the compiler only. */
export type SiteFile = z.input<typeof siteSchema>;

/**
 * Writes `site` as `site.json` into `dir` (a new temp dir unless given) and returns the folder,
 * for the core's `--site`. Not validated here: some tests write a bad file on purpose.
 */
export function writeSiteFile(site: SiteFile, dir = tempDir()): string {
  writeFileSync(join(dir, 'site.json'), JSON.stringify(site));
  return dir;
}
