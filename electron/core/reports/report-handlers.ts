import { ApiError, REPORT_FILES_PATH, type ReportView } from '../../common/api.js';
import { isCalendarDay, periodContaining, periodProblem, type ReportRecord } from '../../common/reports.js';
import type { ApiHandlers } from '../api/handlers.js';
import type { MediaTickets } from '../auth/media-tickets.js';
import { todayIn } from '../workforce/registry-service.js';
import { ReportQueueFull, type ReportJobs } from './report-jobs.js';

export interface ReportHandlerDeps {
  jobs: ReportJobs;
  timeZone: () => string;
  tickets: () => MediaTickets;
  now?: () => number;
}

/** A report's record with a download URL per finished file (a ticket for that one path). */
export function reportView(r: ReportRecord, tickets: MediaTickets): ReportView {
  const url = (format: 'pdf' | 'xlsx') => {
    if (r.state !== 'done' || !r.files.some((f) => f.format === format)) return null;
    const path = `${REPORT_FILES_PATH}${r.id}.${format}`;
    return `${path}?ticket=${encodeURIComponent(tickets.issue(path).ticket)}`;
  };
  return { ...r, downloads: { pdf: url('pdf'), xlsx: url('xlsx') } };
}

export function createReportHandlers(deps: ReportHandlerDeps | undefined): Pick<ApiHandlers, 'listReports' | 'requestReport' | 'getReport'> {
  const d = () => {
    if (!deps) throw new ApiError('conflict', 'reports are not available on this core');
    return deps;
  };
  return {
    async listReports(request) {
      const { jobs, tickets } = d();
      return jobs.list(request?.limit ?? 200, request?.kind).map((r) => reportView(r, tickets()));
    },
    async requestReport({ kind, from, to }, context) {
      const { jobs, tickets, timeZone, now } = d();
      // Without \`to\`, \`from\` may be any day of the period (the console asks "a day in the week").
      const start = to === undefined && isCalendarDay(from) ? periodContaining(kind, from).from : from;
      const end = to ?? periodContaining(kind, start).to;
      const problem = periodProblem(kind, start, end, todayIn(timeZone(), (now ?? Date.now)()));
      if (problem) throw new ApiError('bad-request', problem.message, problem.field);
      try {
        return reportView(jobs.submit(kind, start, end, context.caller?.username ?? 'system'), tickets());
      } catch (error) {
        if (error instanceof ReportQueueFull) throw new ApiError('rate-limited', error.message);
        throw error;
      }
    },
    async getReport({ id }) {
      const { jobs, tickets } = d();
      const r = jobs.view(id);
      if (!r) throw new ApiError('not-found', `no report "${id}"`, 'id');
      return reportView(r, tickets());
    },
  };
}
