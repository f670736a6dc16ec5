import { ApiError, ATTENDANCE_EXPORT_PATH } from '../../common/api.js';
import type { AttendanceRule } from '../../common/attendance.js';
import type { ApiHandlers } from '../api/handlers.js';
import type { MediaTickets } from '../auth/media-tickets.js';
import { AttendanceRefusal, type AttendanceService } from './attendance-service.js';
import { DocumentQueueFull, type DocumentJobs } from './documents/document-jobs.js';
import { documentName } from './documents/document-text.js';

type AttendanceMethods =
  | 'getAttendanceRules'
  | 'getAttendanceDays'
  | 'getAttendanceLedger'
  | 'getPaySheet'
  | 'requestAttendanceDocument'
  | 'getAttendanceDocument'
  | 'closeAttendanceMonth'
  | 'listClosedAttendanceMonths';

/** The attendance wiring the handlers and the download route use. */
export interface AttendanceWiring {
  service: AttendanceService;
  documents: DocumentJobs;
  /** The rule versions in force now. */
  rules: () => AttendanceRule[];
}

/** Refusals of the service as API errors (4xx with the field to fix), everything else unchanged. */
async function answer<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AttendanceRefusal) throw new ApiError(error.code, error.message, error.field);
    if (error instanceof DocumentQueueFull) throw new ApiError('rate-limited', error.message);
    throw error;
  }
}

export function createAttendanceHandlers(wiring: AttendanceWiring | undefined, tickets: () => MediaTickets): Pick<ApiHandlers, AttendanceMethods> {
  const a = () => {
    if (!wiring) throw new ApiError('conflict', 'attendance is not available on this core');
    return wiring;
  };
  const who = (context: { caller: { username: string } | null }) => context.caller?.username ?? 'system';
  const withUrl = (job: ReturnType<DocumentJobs['view']>) => {
    if (!job) throw new ApiError('not-found', 'no such document job (finished jobs are forgotten after a while); ask for the document again', 'id');
    if (job.state !== 'done') return { ...job, url: null };
    const path = `${ATTENDANCE_EXPORT_PATH}${job.file}`;
    const { ticket } = tickets().issue(path);
    return { ...job, url: `${path}?ticket=${encodeURIComponent(ticket)}&name=${encodeURIComponent(job.downloadName)}` };
  };
  return {
    async getAttendanceRules() {
      return a().rules();
    },
    async getAttendanceDays({ workerId, month }) {
      return answer(() => ({ workerId, month, days: a().service.attendanceDaysOf(workerId, month) }));
    },
    async getAttendanceLedger({ month }) {
      return answer(() => a().service.ledger(month));
    },
    async getPaySheet({ month }) {
      return answer(() => a().service.paySheet(month).pay);
    },
    async requestAttendanceDocument({ month, kind, format }, context) {
      return answer(() => {
        const { service, documents } = a();
        const generatedAt = service.localStamp();
        if (kind === 'ledger') {
          const ledger = service.ledger(month);
          return withUrl(documents.submit({ kind, format, ledger, generatedAt }, { month, ledgerHash: ledger.hash, downloadName: documentName(kind, month, ledger.hash, format), by: who(context) }));
        }
        const { ledger, pay } = service.paySheet(month);
        return withUrl(documents.submit({ kind, format, pay, generatedAt }, { month, ledgerHash: ledger.hash, downloadName: documentName(kind, month, ledger.hash, format), by: who(context) }));
      });
    },
    async getAttendanceDocument({ id }) {
      return withUrl(a().documents.view(id));
    },
    async closeAttendanceMonth({ month }, context) {
      return answer(() => {
        const c = a().service.closeMonth(month, who(context));
        return { month: c.month, ledgerHash: c.ledgerHash, ruleVersion: c.ruleVersion, closedAt: c.closedAt, closedBy: c.closedBy };
      });
    },
    async listClosedAttendanceMonths() {
      return a().service.store.closedMonths();
    },
  };
}
