/**
 * The registry's raw HTTP routes, whose bodies are files rather than JSON: the head-photo upload
 * (body = the image; its type is read from the content, not trusted from a name), the photo
 * itself (through a media ticket, as <img> cannot send the session token), the CSV/XLSX import,
 * its template, and the roster export. Each checks the caller against the permission table.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { join } from 'node:path';
import { ApiError, HTTP_STATUS_FOR_ERROR } from '../../common/api.js';
import { IMPORT_MAX_BYTES, PHOTO_UPLOAD_MAX_BYTES, WORKFORCE_RAW_PATHS, type ImportReport } from '../../common/api/workforce.js';
import { mayWorkforce, type WorkforceAction } from '../../common/workforce-permissions.js';
import { bearerToken, type RawRoutes } from '../api/http-server.js';
import type { AuthService, Caller } from '../auth/auth-service.js';
import type { Logger } from '../log/logger.js';
import { exportRowOf, importTemplate, rosterFile } from './export-roster.js';
import type { ImportService } from './import-service.js';
import { ImportFileError } from './import-table.js';
import { PHOTO_FILE_PATTERN, removePhoto, storeWorkerPhoto } from './photo-store.js';
import type { RegistryService } from './registry-service.js';

const PHOTO_UPLOAD = /^\/api\/workforce\/workers\/(\d{1,10})\/photo$/;

export class RegistryHttp implements RawRoutes {
  constructor(
    private readonly registry: RegistryService,
    private readonly imports: ImportService,
    private readonly auth: AuthService,
    private readonly photosDir: string,
    private readonly log: Logger,
  ) {}

  /** A ticketed URL for a stored photo (for WorkerDetail.photoUrl). */
  photoUrl(file: string): string | null {
    if (!PHOTO_FILE_PATTERN.test(file)) return null;
    const path = `${WORKFORCE_RAW_PATHS.photoFile}${file}`;
    return `${path}?ticket=${encodeURIComponent(this.auth.mediaTickets.issue(path).ticket)}`;
  }

  handles(req: IncomingMessage, url: URL): boolean {
    const p = url.pathname;
    return (
      (req.method === 'POST' && PHOTO_UPLOAD.test(p)) ||
      (req.method === 'GET' && p.startsWith(WORKFORCE_RAW_PATHS.photoFile)) ||
      (req.method === 'POST' && p === WORKFORCE_RAW_PATHS.import) ||
      (req.method === 'GET' && (p === WORKFORCE_RAW_PATHS.importTemplate || p === WORKFORCE_RAW_PATHS.export))
    );
  }

  async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      const p = url.pathname;
      if (p.startsWith(WORKFORCE_RAW_PATHS.photoFile)) return this.photo(res, url);
      const photo = PHOTO_UPLOAD.exec(p);
      if (photo) return await this.uploadPhoto(req, res, Number(photo[1]));
      if (p === WORKFORCE_RAW_PATHS.import) return await this.import(req, res, url);
      if (p === WORKFORCE_RAW_PATHS.importTemplate) return await this.template(req, res, url);
      return await this.export(req, res, url);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('internal', 'internal error; see the core log');
      if (apiError.code === 'internal') this.log.error('workforce route failed', { path: url.pathname, error, stack: (error as Error).stack });
      if (!res.headersSent) drain(req, res, HTTP_STATUS_FOR_ERROR[apiError.code], apiError.toBody());
    }
  }

  private caller(req: IncomingMessage, action: WorkforceAction, what: string): Caller {
    const caller = this.auth.authenticate(bearerToken(req));
    if (!caller) throw new ApiError('unauthorized', 'log in first (missing bearer token)');
    if (!mayWorkforce(caller.role, action)) throw new ApiError('forbidden', `${caller.role} may not ${what}`);
    return caller;
  }

  private photo(res: ServerResponse, url: URL): void {
    if (!this.auth.mediaTickets.allows(url.searchParams.get('ticket'), url.pathname)) {
      return send(res, 401, { error: 'this photo URL has no valid ticket; open the worker again for a fresh one', code: 'unauthorized' });
    }
    const file = decodeURIComponent(url.pathname.slice(WORKFORCE_RAW_PATHS.photoFile.length));
    const path = join(this.photosDir, file);
    if (!PHOTO_FILE_PATTERN.test(file) || !existsSync(path)) return send(res, 404, { error: 'no such photo', code: 'not-found' });
    // File names carry the content's hash: a photo URL never changes content.
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': statSync(path).size, 'Cache-Control': 'private, max-age=86400, immutable' });
    createReadStream(path).pipe(res);
  }

  private async uploadPhoto(req: IncomingMessage, res: ServerResponse, workerId: number): Promise<void> {
    const caller = this.caller(req, 'writeRegistry', "change workers' photos");
    const before = this.registry.existingWorker(workerId, 'id');
    const body = await readBody(req, res, PHOTO_UPLOAD_MAX_BYTES, 'photo');
    const result = await storeWorkerPhoto(this.photosDir, workerId, body);
    if (!result.ok) return send(res, result.status, { error: result.message, code: 'bad-request', field: 'photo' });
    this.registry.store.transaction(() => {
      this.registry.queries.setPhoto(workerId, result.file, Date.now());
      this.registry.change({ username: caller.username, role: caller.role }, 'photo', workerId, 'update', { workerId, photoFile: before.photoFile }, { workerId, photoFile: result.file, bytes: result.bytes });
    });
    if (before.photoFile && before.photoFile !== result.file) removePhoto(this.photosDir, before.photoFile);
    send(res, 201, { file: result.file, bytes: result.bytes, photoUrl: this.photoUrl(result.file) });
  }

  private async import(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const caller = this.caller(req, 'importExport', 'import worker lists');
    const format = formatOf(url);
    const mode = url.searchParams.get('mode') ?? 'preview';
    if (mode !== 'preview' && mode !== 'commit') throw new ApiError('bad-request', 'mode must be preview or commit', 'mode');
    const body = await readBody(req, res, IMPORT_MAX_BYTES, 'import file');
    const report = await this.imports.run({ username: caller.username, role: caller.role }, body, format, mode).catch((error: unknown) => {
      if (error instanceof ApiError) throw error;
      if (error instanceof ImportFileError) throw new ApiError('bad-request', `the file was refused: ${(error as Error).message}`, 'file');
      throw error;
    });
    this.log.info('workforce import', { by: caller.username, format, mode, rows: report.rows, taken: report.taken, refused: report.refused, committed: report.committed });
    await sendReport(res, report);
  }

  private async template(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    this.caller(req, 'importExport', 'download the import template');
    const format = formatOf(url);
    sendFile(res, await importTemplate(format), format, `人员导入模板.${format}`);
  }

  private async export(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const caller = this.caller(req, 'importExport', 'export the roster');
    const format = formatOf(url);
    const reveal = mayWorkforce(caller.role, 'revealNumbers');
    const pay = mayWorkforce(caller.role, 'seePay');
    const store = this.registry.store;
    const rows = this.registry.queries.exportRows().map((r) =>
      exportRowOf(r, reveal ? { idNumber: store.openIdNumber(r.id as number)!, bankCard: store.openBankCard(r.id as number) } : null, pay),
    );
    if (reveal) {
      this.registry.store.recordChange({ actor: caller.username, actorRole: caller.role, entity: 'roster', entityId: null, action: 'export', after: { format, workers: rows.length, numbers: 'clear' } });
    }
    sendFile(res, await rosterFile(rows, format), format, `人员名册-${this.registry.today()}.${format}`);
  }
}

function formatOf(url: URL): 'xlsx' | 'csv' {
  const format = url.searchParams.get('format') ?? 'xlsx';
  if (format !== 'xlsx' && format !== 'csv') throw new ApiError('bad-request', 'format must be xlsx or csv', 'format');
  return format;
}

/** Reads a body up to `max` bytes; past it the rest is read and dropped, and the answer is 413. */
async function readBody(req: IncomingMessage, res: ServerResponse, max: number, what: string): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  const tooLarge = `the ${what} is over the ${max >= 2 ** 20 ? `${(max / 2 ** 20).toFixed(0)} MiB` : `${max} bytes`} limit`;
  if (Number.isFinite(declared) && declared > max) {
    drain(req, res, 413, { error: tooLarge, code: 'bad-request' });
    throw new ResponseSent();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= max) chunks.push(chunk as Buffer);
  }
  if (size > max) {
    send(res, 413, { error: tooLarge, code: 'bad-request' });
    throw new ResponseSent();
  }
  if (size === 0) throw new ApiError('bad-request', `the ${what} is empty`, 'body');
  return Buffer.concat(chunks);
}

/** Thrown after an answer has gone out, to leave the route (the catch sees headersSent). */
class ResponseSent extends ApiError {
  constructor() {
    super('bad-request', 'answered');
  }
}

function sendFile(res: ServerResponse, body: Buffer, format: 'xlsx' | 'csv', name: string): void {
  res.writeHead(200, {
    'Content-Type': format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
    'Content-Length': body.length,
    'Content-Disposition': `attachment; filename="${format === 'xlsx' ? 'roster.xlsx' : 'roster.csv'}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/**
 * The import report as JSON, written a thousand rows at a time with a turn of the event loop
 * between: a 50,000-row report is about 5 MB, too much to serialise in one go on the core's thread.
 */
async function sendReport(res: ServerResponse, report: ImportReport): Promise<void> {
  const { report: rows, ...head } = report;
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.write(`${JSON.stringify(head).slice(0, -1)},"report":[`);
  for (let i = 0; i < rows.length; i += 1000) {
    res.write((i ? ',' : '') + rows.slice(i, i + 1000).map((r) => JSON.stringify(r)).join(','));
    await nextTurn();
  }
  res.end(']}');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function drain(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  send(res, status, body);
  req.resume();
}
