import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DATA_PACKAGE_FILES_PATH } from '../../common/api/data-package.js';
import { PACKAGE_MAKERS } from '../../common/data-package.js';
import { bearerToken } from '../api/http-server.js';
import type { AuthService } from '../auth/auth-service.js';
import type { PackageJobs } from './package-jobs.js';

const NAME = /^([0-9a-f]{12})\.tar$/;

/**
 * Downloads of finished packages: `GET /api/data-package-files/ID.tar` with the session of an
 * admin or manager, or a media ticket for that one path (issued only to them, by the list).
 * Only packages listed as done are served, by the name recorded for them, never a path from the URL.
 */
export class DataPackageHttp {
  constructor(
    private readonly jobs: PackageJobs,
    private readonly auth: AuthService,
  ) {}

  handles(req: IncomingMessage, url: URL): boolean {
    return req.method === 'GET' && url.pathname.startsWith(DATA_PACKAGE_FILES_PATH);
  }

  async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const caller = this.auth.authenticate(bearerToken(req));
    const ticketed = this.auth.mediaTickets.allows(url.searchParams.get('ticket'), url.pathname);
    if (!caller && !ticketed) return send(res, 401, { error: 'log in first, or list the packages again (download tickets expire)', code: 'unauthorized' });
    if (caller && !ticketed && !PACKAGE_MAKERS.includes(caller.role)) return send(res, 403, { error: 'data packages are for administrators and project managers', code: 'forbidden' });
    const m = NAME.exec(url.pathname.slice(DATA_PACKAGE_FILES_PATH.length));
    const p = m ? this.jobs.view(m[1]!) : null;
    const path = p ? this.jobs.pathOf(p.id) : null;
    if (!p || !path || !existsSync(path)) return send(res, 404, { error: 'no such package file; it may still be being made — look at the packages list', code: 'not-found' });
    res.writeHead(200, {
      'Content-Type': 'application/x-tar',
      'Content-Length': statSync(path).size,
      'Content-Disposition': `attachment; filename="${p.file}"`,
      'Cache-Control': 'private, no-store',
      ...(p.sha256 ? { ETag: `"${p.sha256}"` } : {}),
    });
    createReadStream(path).pipe(res);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
