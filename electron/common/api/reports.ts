import type { ReportKind, ReportRecord } from '../reports.js';
import { REPORT_MAKERS } from '../reports.js';
import type { RouteSpec } from './route-spec.js';

/** A report as the console lists it: its record and, when done, download URLs (each with a ticket for that one file). */
export interface ReportView extends ReportRecord {
  downloads: { pdf: string | null; xlsx: string | null };
}

/** Daily, weekly and monthly site reports (PDF + XLSX), made on a schedule and on demand. */
export interface ReportsApi {
  /** Reports, newest first. */
  listReports(request?: { kind?: ReportKind; limit?: number }): Promise<ReportView[]>;
  /**
   * Queues a report of `kind`: without `to`, for the period that holds the site day `from` (that
   * day, its Monday–Sunday week, its calendar month); with `to`, `from`…`to` must be exactly one
   * such period. Poll getReport until done.
   */
  requestReport(request: { kind: ReportKind; from: string; to?: string }): Promise<ReportView>;
  getReport(request: { id: string }): Promise<ReportView>;
}

export const REPORT_ROUTES = {
  listReports: { verb: 'GET', path: '/api/reports', auth: true },
  requestReport: { verb: 'POST', path: '/api/reports', auth: true, roles: REPORT_MAKERS },
  getReport: { verb: 'GET', path: '/api/reports/:id', auth: true },
} as const satisfies Record<keyof ReportsApi, RouteSpec>;

/** Where a finished report's files are downloaded: `/api/report-files/ID.pdf` (session header, or `?ticket=`). */
export const REPORT_FILES_PATH = '/api/report-files/';
