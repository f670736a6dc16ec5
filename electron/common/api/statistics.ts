import type { StatExport, StatFigureId, StatPeriodRequest, StatRecords, StatTable } from '../statistics.js';
import { ATTENDANCE_READERS } from './attendance.js';
import type { UserRole } from './auth.js';
import type { RouteSpec } from './route-spec.js';

/** One figure over a period (site days). */
export type StatFigureRequest = StatPeriodRequest & { figure: StatFigureId };

/**
 * Who may see the records behind a figure, where that is narrower than every logged-in user:
 * the workers present by name are personal data of the real-name register, for the roles that
 * read attendance (labour office, managers, administrators).
 */
export const STAT_RECORD_ROLES: Partial<Record<StatFigureId, readonly UserRole[]>> = {
  'attendance-by-team': ATTENDANCE_READERS,
};

/** Statistics: figures per day, week, month or range of days, the records behind each bar, and exports. */
export interface StatisticsApi {
  getStatisticsFigure(request: StatFigureRequest): Promise<StatTable>;
  /** The records behind one row (`row`: its key) and, optionally, one column of a figure. */
  getStatisticsRecords(request: StatFigureRequest & { row: string; column?: string }): Promise<StatRecords>;
  /** The figure's table as CSV (UTF-8 with BOM) or XLSX, base64 in JSON. */
  exportStatisticsFigure(request: StatFigureRequest & { format: 'csv' | 'xlsx' }): Promise<StatExport>;
}

export const STATISTICS_ROUTES = {
  getStatisticsFigure: { verb: 'GET', path: '/api/statistics/figures/:figure', auth: true },
  getStatisticsRecords: { verb: 'GET', path: '/api/statistics/figures/:figure/records', auth: true },
  exportStatisticsFigure: { verb: 'GET', path: '/api/statistics/figures/:figure/export', auth: true },
} as const satisfies Record<keyof StatisticsApi, RouteSpec>;
