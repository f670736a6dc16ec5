import { z } from 'zod';
import type { ApiMethod } from '../../common/api.js';

// The pattern (which the API fuzzer reads); the service refuses days that do not exist (02-30).
const day = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day YYYY-MM-DD (2000–2099, site time)');
const buildingId = z.string().min(1).max(64);
const floor = z.number().int().min(1).max(300);
/** Capture ids are `pc-` and 16 hex digits (core/panoramas/capture-id.ts). */
const captureId = z.string().regex(/^pc-[0-9a-f]{16}$/, 'a capture id (pc- and 16 hex digits)');

/** Untrusted input of the progress methods (spread into PARAM_SCHEMAS). */
export const PROGRESS_PARAM_SCHEMAS = {
  getProgress: z.object({ asOf: day.optional() }).strict().optional(),
  setFloorPlans: z.object({ buildingId, floors: z.array(z.object({ floor, planned: day }).strict()).min(1).max(300) }).strict(),
  completeFloor: z.object({ buildingId, floor, completed: day.optional(), captureId: captureId.optional() }).strict(),
  clearFloorCompletion: z.object({ buildingId, floor }).strict(),
  setMilestone: z.object({ buildingId, name: z.string().trim().min(1).max(100), planned: day, done: day.nullable().optional() }).strict(),
  listProgressChanges: z.object({ buildingId: buildingId.optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }).strict().optional(),
} satisfies Partial<Record<ApiMethod, z.ZodType>>;
