import { z } from 'zod';
import type { ApiMethod } from '../../common/api.js';

const month = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM (2000–2099), e.g. 2026-03');
const none = z.undefined().or(z.object({}).strict());

/** Untrusted input of the attendance methods (spread into PARAM_SCHEMAS). */
export const ATTENDANCE_PARAM_SCHEMAS = {
  getAttendanceRules: none,
  getAttendanceDays: z.object({ workerId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER), month }).strict(),
  getAttendanceLedger: z.object({ month }).strict(),
  getPaySheet: z.object({ month }).strict(),
  requestAttendanceDocument: z.object({ month, kind: z.enum(['ledger', 'pay']), format: z.enum(['xlsx', 'pdf']) }).strict(),
  getAttendanceDocument: z.object({ id: z.string().regex(/^[0-9a-f]{12}$/, 'a document job id (12 hex digits)') }).strict(),
  closeAttendanceMonth: z.object({ month }).strict(),
  listClosedAttendanceMonths: none,
} satisfies Partial<Record<ApiMethod, z.ZodType>>;
