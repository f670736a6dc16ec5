import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ATTENDANCE_EXPORT_PATH } from '../../common/api/attendance.js';
import type { MediaTickets } from '../auth/media-tickets.js';
import { EXPORT_FILE_PATTERN, type DocumentJobs } from './documents/document-jobs.js';

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/**
 * Downloads of finished ledgers and pay sheets: `GET /api/attendance/exports/FILE?ticket=…&name=…`.
 * A browser download cannot carry the session header, so the URL carries a ticket for that one
 * file (issued with the finished job to the role that asked for it), never the session token.
 * Only names the core writes are served, only for jobs it remembers as done.
 */
export class AttendanceHttp {
  constructor(
    private readonly jobs: DocumentJobs,
    private readonly tickets: MediaTickets,
  ) {}

  handles(req: IncomingMessage, url: URL): boolean {
    return req.method === 'GET' && url.pathname.startsWith(ATTENDANCE_EXPORT_PATH);
  }

  async serve(_req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!this.tickets.allows(url.searchParams.get('ticket'), url.pathname)) {
      return send(res, 401, { error: 'this download URL has no valid ticket (they expire); ask for the document again', code: 'unauthorized' });
    }
    const name = url.pathname.slice(ATTENDANCE_EXPORT_PATH.length);
    const path = EXPORT_FILE_PATTERN.test(name) ? this.jobs.fileOf(name) : null;
    if (!path || !existsSync(path)) return send(res, 404, { error: 'no such document; it may have been removed after a day — make it again', code: 'not-found' });
    const saveAs = url.searchParams.get('name') ?? name;
    const ext = name.slice(name.lastIndexOf('.') + 1);
    res.writeHead(200, {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': statSync(path).size,
      // RFC 6266 / RFC 5987: an ASCII fallback and the UTF-8 Chinese name.
      'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(saveAs.slice(0, 120))}`,
      'Cache-Control': 'private, no-store',
    });
    createReadStream(path).pipe(res);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
