import type { AttendanceDay, AttendanceRule, Ledger, PaySheet } from '../attendance.js';
import type { UserRole } from './auth.js';
import type { RouteSpec } from './route-spec.js';

/**
 * Who may do what with attendance (site policy): the labour office (劳务管理员) and
 * administrators make documents and close months; project managers read ledgers and pay sheets
 * (they sign them); pay amounts go to no other role.
 */
export const ATTENDANCE_MAKERS: readonly UserRole[] = ['admin', 'labour'];
export const ATTENDANCE_READERS: readonly UserRole[] = ['admin', 'labour', 'manager'];
export const PAY_READERS: readonly UserRole[] = ['admin', 'labour', 'manager'];

/** A ledger or pay-sheet document being made (polled until `done`). */
export interface AttendanceDocumentJob {
  id: string;
  kind: 'ledger' | 'pay';
  format: 'xlsx' | 'pdf';
  month: string;
  /** The ledger the document prints (or, for a pay sheet, was computed from). */
  ledgerHash: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  /** 0…1 */
  progress: number;
  /** File name in DATA/workforce/exports. */
  file: string;
  /** Name to save it under (考勤台账-2026-03-1a2b3c4d.xlsx). */
  downloadName: string;
  bytes: number | null;
  error: string | null;
  requestedBy: string;
  requestedAt: number;
  finishedAt: number | null;
  /** GET it (a ticket for this one file is in the URL; it expires like media tickets); set when done. */
  url?: string | null;
}

/** A closed month as recorded: the ledger hash printed on its documents and the rule versions that decided it. */
export interface ClosedAttendanceMonth {
  month: string;
  ledgerHash: string;
  ruleVersion: string;
  closedAt: number;
  closedBy: string;
}

/** Monthly attendance, the ledger (考勤台账) and the pay sheet (工资表). Months are `YYYY-MM`, site time. */
export interface AttendanceApi {
  /** The attendance rule's versions in force (the site file's `workforce.attendance.rules`, or the default). */
  getAttendanceRules(): Promise<AttendanceRule[]>;
  /** One worker's work days in a month. */
  getAttendanceDays(request: { workerId: number; month: string }): Promise<{ workerId: number; month: string; days: AttendanceDay[] }>;
  /** The month's ledger: recorded when closed, else computed from the gate passages now. */
  getAttendanceLedger(request: { month: string }): Promise<Ledger>;
  /** The month's pay sheet (amounts in fen) with the ledger hash it was computed from. */
  getPaySheet(request: { month: string }): Promise<PaySheet>;
  /** Starts making a ledger or pay-sheet document; poll getAttendanceDocument until done. */
  requestAttendanceDocument(request: { month: string; kind: 'ledger' | 'pay'; format: 'xlsx' | 'pdf' }): Promise<AttendanceDocumentJob>;
  getAttendanceDocument(request: { id: string }): Promise<AttendanceDocumentJob>;
  /** Closes a finished month: its ledger, hash, rules and pay sheet are recorded and never rewritten. */
  closeAttendanceMonth(request: { month: string }): Promise<ClosedAttendanceMonth>;
  listClosedAttendanceMonths(): Promise<ClosedAttendanceMonth[]>;
}

export const ATTENDANCE_ROUTES = {
  getAttendanceRules: { verb: 'GET', path: '/api/attendance/rules', auth: true, roles: ATTENDANCE_READERS },
  getAttendanceDays: { verb: 'GET', path: '/api/attendance/workers/:workerId/days', auth: true, roles: ATTENDANCE_READERS },
  getAttendanceLedger: { verb: 'GET', path: '/api/attendance/months/:month/ledger', auth: true, roles: ATTENDANCE_READERS },
  getPaySheet: { verb: 'GET', path: '/api/attendance/months/:month/pay', auth: true, roles: PAY_READERS },
  requestAttendanceDocument: { verb: 'POST', path: '/api/attendance/documents', auth: true, roles: ATTENDANCE_MAKERS },
  getAttendanceDocument: { verb: 'GET', path: '/api/attendance/documents/:id', auth: true, roles: ATTENDANCE_MAKERS },
  closeAttendanceMonth: { verb: 'POST', path: '/api/attendance/months/:month/close', auth: true, roles: ATTENDANCE_MAKERS },
  listClosedAttendanceMonths: { verb: 'GET', path: '/api/attendance/months', auth: true, roles: ATTENDANCE_READERS },
} as const satisfies Record<keyof AttendanceApi, RouteSpec>;

/** Where finished documents are downloaded (`?ticket=` for that one file). */
export const ATTENDANCE_EXPORT_PATH = '/api/attendance/exports/';
