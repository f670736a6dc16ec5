import { z } from 'zod';
import { STAT_FIGURES } from '../../common/statistics.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const figureRequest = {
  figure: z.enum(STAT_FIGURES),
  period: z.enum(['day', 'week', 'month', 'range'], { message: 'period is day, week, month or range (a year is asked month by month)' }),
  date: day.optional(),
  from: day.optional(),
  to: day.optional(),
};

/** Untrusted input of the statistics methods (spread into PARAM_SCHEMAS). */
export const STATISTICS_PARAM_SCHEMAS = {
  getStatisticsFigure: z.object(figureRequest).strict(),
  getStatisticsRecords: z.object({ ...figureRequest, row: z.string().min(1).max(200), column: z.string().min(1).max(64).optional() }).strict(),
  exportStatisticsFigure: z.object({ ...figureRequest, format: z.enum(['csv', 'xlsx']) }).strict(),
};
