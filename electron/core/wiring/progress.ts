import type { SiteConfig } from '../config/site-schema.js';
import type { PanoramaService } from '../panoramas/panorama-service.js';
import { ProgressService } from '../progress/progress-service.js';
import type { Database } from '../store/database.js';

export interface ProgressWiringOptions {
  db: Database;
  site: () => SiteConfig;
  panoramas: PanoramaService | null;
  now?: () => number;
}

/**
 * Construction progress: schedules (site file + console edits), floor completions with panorama
 * evidence, delays. No background work: everything is computed when asked, from a few hundred rows.
 */
export function wireProgress(options: ProgressWiringOptions): ProgressService {
  return new ProgressService({
    db: options.db,
    site: options.site,
    captureOf: (id) => {
      const capture = options.panoramas?.captures.byId(id) ?? null;
      return capture && { pointId: capture.pointId, capturedAt: capture.capturedAt, ingestedAt: capture.ingestedAt };
    },
    ...(options.now ? { now: options.now } : {}),
  });
}
