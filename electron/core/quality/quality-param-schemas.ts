/**
 * Untrusted input of the quality methods (strict zod schemas): shapes and sizes. The rules
 * (checklist items, company on site, due date, state transitions) are in quality-service.ts.
 */
import { z } from 'zod';
import type { QualityApi } from '../../common/api/quality.js';
import { ITEM_RESULTS, NOTICE_STATES } from '../../common/quality.js';

const id = z.coerce.number().int().positive().max(2 ** 31);
const none = z.undefined().or(z.object({}).strict());
/** A calendar day of this century or the next (a construction record outside them is a typing error). */
const day = z
  .string()
  .regex(/^2[01]\d{2}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD, years 2000 to 2199')
  .refine((d) => {
    const ms = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(d);
  }, 'not a day of the calendar');
const photoFile = z.string().regex(/^q-[0-9a-f]{20}\.(jpg|png|webp)$/, 'a photo file name from the upload route');
const photos = z.array(photoFile).max(24);
const angle = (min: number, max: number) => z.number().finite().min(min).max(max);

const location = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('building'), buildingId: z.string().min(1).max(64), floor: z.number().int().min(-10).max(300).nullable() }).strict(),
    z.object({ kind: z.literal('panorama'), captureId: z.string().min(1).max(64), yawDeg: angle(-360, 360), pitchDeg: angle(-90, 90) }).strict(),
  ])
  .nullable()
  .optional();

const source = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('inspection'), inspectionId: id, itemCode: z.string().min(1).max(32) }).strict(),
  z.object({ kind: z.literal('panorama'), captureId: z.string().min(1).max(64), yawDeg: angle(-360, 360), pitchDeg: angle(-90, 90), issueId: id.optional() }).strict(),
  z.object({ kind: z.literal('direct') }).strict(),
]);

const bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/** Spread into PARAM_SCHEMAS. */
export const QUALITY_PARAM_SCHEMAS = {
  listQualityChecklists: none,
  listQualityAssignees: none,
  getQualitySummary: none,
  listInspections: z
    .undefined()
    .or(z.object({ from: day.optional(), to: day.optional(), result: z.enum(['pass', 'fail']).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }).strict()),
  getInspection: z.object({ id }).strict(),
  recordInspection: z
    .object({
      checklistId: z.string().min(1).max(64),
      items: z.array(z.object({ code: z.string().min(1).max(32), result: z.enum(ITEM_RESULTS as ['pass', 'fail', 'na']), remark: z.string().max(500).optional(), photos: photos.optional() }).strict()).min(1).max(100),
      location,
      remark: z.string().max(2000).optional(),
      photos: photos.optional(),
      at: z.string().max(40).optional(),
    })
    .strict(),
  listNotices: z
    .undefined()
    .or(
      z
        .object({
          state: z.enum([...NOTICE_STATES, 'open'] as ['raised', 'rectifying', 'answered', 'closed', 'open']).optional(),
          companyId: id.optional(),
          overdue: bool.optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        })
        .strict(),
    ),
  getNotice: z.object({ id }).strict(),
  raiseNotice: z
    .object({
      source,
      companyId: id,
      teamId: id.nullable().optional(),
      dueDate: day,
      description: z.string().min(1).max(2000),
      photos: photos.optional(),
      location,
    })
    .strict(),
  acknowledgeNotice: z.object({ id, text: z.string().max(2000).optional() }).strict(),
  answerNotice: z.object({ id, text: z.string().max(2000), photos }).strict(),
  verifyNotice: z.object({ id, pass: z.boolean(), text: z.string().max(2000).optional() }).strict(),
} satisfies Record<keyof QualityApi, z.ZodType>;
