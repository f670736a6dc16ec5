import { z } from 'zod';
import { isSiteDay, type ProgressSiteSettings } from '../../common/progress.js';

/**
 * `progress` in the site file: the project's start and each building's schedule, the installer's
 * starting point (edits made in the console go on top, core/progress). Example:
 *
 * ```json
 * "progress": { "projectStart": "2026-03-01", "buildings": [
 *   { "building": "A", "capturePoints": ["P2"], "floorCycle": { "first": "2026-05-04", "days": 7 },
 *     "floors": [{ "floor": 1, "completed": "2026-05-04" }],
 *     "milestones": [{ "name": "主体结构封顶", "planned": "2026-11-20" }] }
 * ] }
 * ```
 *
 * `floorCycle` plans floor n on `first + (n − 1) × days` up to the building's planned floors; a
 * floor listed in `floors` with its own `planned` day overrides the cycle's.
 */
const day = z.string().refine(isSiteDay, 'a day YYYY-MM-DD (site time)');

const buildingSchedule = z
  .object({
    /** The building's id in `model.buildings`. */
    building: z.string().min(1),
    /** Panorama capture points that show this building (default: points inside its footprint). */
    capturePoints: z.array(z.string().min(1)).max(50).optional(),
    floorCycle: z.object({ first: day, days: z.number().int().min(1).max(90) }).strict().optional(),
    floors: z
      .array(z.object({ floor: z.number().int().min(1).max(300), planned: day.optional(), completed: day.optional() }).strict())
      .max(300)
      .default([]),
    milestones: z.array(z.object({ name: z.string().trim().min(1).max(100), planned: day, done: day.optional() }).strict()).max(100).default([]),
  })
  .strict();

export const progressSettings = z
  .object({
    /** The day work began (开工日期): no planned or actual day may come before it. */
    projectStart: day.optional(),
    buildings: z.array(buildingSchedule).max(200).default([]),
  })
  .strict();

export type ProgressSettings = z.infer<typeof progressSettings>;
export type BuildingScheduleSettings = ProgressSettings['buildings'][number];

// The shared type (common/progress.ts) and the schema's output must agree.
const agrees: ProgressSiteSettings = {} as ProgressSettings;
void agrees;
