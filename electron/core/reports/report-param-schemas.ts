import { z } from 'zod';
import type { ApiMethod } from '../../common/api.js';
import { REPORT_KINDS } from '../../common/reports.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a site day YYYY-MM-DD, e.g. 2026-03-14');
const kind = z.enum(REPORT_KINDS as ['daily', 'weekly', 'monthly']);

/** Untrusted input of the reports' methods (spread into PARAM_SCHEMAS). */
export const REPORT_PARAM_SCHEMAS = {
  listReports: z.undefined().or(z.object({ kind: kind.optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }).strict()),
  requestReport: z.object({ kind, from: day, to: day.optional() }).strict(),
  getReport: z.object({ id: z.string().regex(/^[0-9a-f]{12}$/, 'a report id (12 hex digits)') }).strict(),
} satisfies Partial<Record<ApiMethod, z.ZodType>>;
