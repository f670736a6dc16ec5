import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { REPORT_FILES_PATH } from '../../common/api/reports.js';
import { bearerToken } from '../api/http-server.js';
import type { AuthService } from '../auth/auth-service.js';
import type { ReportJobs } from './report-jobs.js';

const TYPES = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;
const NAME = /^([0-9a-f]{12})\.(pdf|xlsx)$/;

/**
 * Downloads of finished reports: `GET /api/report-files/ID.pdf|xlsx`, with the session's bearer
 * token, or (a browser download cannot carry the header) a media ticket for that one path in
 * `?ticket=` — never the session token in a URL. Only files of reports listed as done are
 * served, by the path recorded for them, never a path taken from the URL.
 */
export class ReportHttp {
  constructor(
    private readonly jobs: ReportJobs,
    private readonly dir: string,
    private readonly auth: AuthService,
  ) {}

  handles(req: IncomingMessage, url: URL): boolean {
    return req.method === 'GET' && url.pathname.startsWith(REPORT_FILES_PATH);
  }

  async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const allowed = this.auth.authenticate(bearerToken(req)) !== null || this.auth.mediaTickets.allows(url.searchParams.get('ticket'), url.pathname);
    if (!allowed) return send(res, 401, { error: 'log in first, or ask for the report again (download tickets expire)', code: 'unauthorized' });
    const m = NAME.exec(url.pathname.slice(REPORT_FILES_PATH.length));
    const report = m ? this.jobs.view(m[1]!) : null;
    const file = report?.state === 'done' ? report.files.find((f) => f.format === m![2]) : undefined;
    const path = file ? join(this.dir, file.file) : null;
    if (!report || !file || !path || !existsSync(path)) return send(res, 404, { error: 'no such report file; it may still be being made — look at the reports list', code: 'not-found' });
    const format = file.format;
    const saveAs = `${report.kind}-${report.from}${report.to !== report.from ? `_${report.to}` : ''}.${format}`;
    res.writeHead(200, {
      'Content-Type': TYPES[format],
      'Content-Length': statSync(path).size,
      'Content-Disposition': `attachment; filename="${saveAs}"`,
      'Cache-Control': 'private, no-store',
      ETag: `"${file.sha256}"`,
    });
    createReadStream(path).pipe(res);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
