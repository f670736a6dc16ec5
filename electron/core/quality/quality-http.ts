/**
 * The quality area's raw routes, whose bodies are images rather than JSON: photo upload (POST
 * /api/quality/photos, body = the image, bearer token; the type is read from the bytes) and the
 * photo itself (GET, bearer token or a media ticket, as <img> cannot send the token).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { ApiError, HTTP_STATUS_FOR_ERROR } from '../../common/api/errors.js';
import { QUALITY_RAW_PATHS, type QualityPhotoUploaded } from '../../common/api/quality.js';
import { QUALITY_PHOTO_MAX_BYTES } from '../../common/quality.js';
import { mayQuality } from '../../common/quality-permissions.js';
import { bearerToken, type RawRoutes } from '../api/http-server.js';
import type { AuthService } from '../auth/auth-service.js';
import type { Logger } from '../log/logger.js';
import { CONTENT_TYPE, QUALITY_PHOTO_PATTERN, storeQualityPhoto } from './photo-files.js';
import type { QualityStore } from './quality-store.js';

export class QualityHttp implements RawRoutes {
  constructor(
    private readonly store: QualityStore,
    private readonly auth: AuthService,
    private readonly photosDir: string,
    private readonly log: Logger,
  ) {}

  /** A ticketed URL for a stored photo. */
  photoUrl(file: string): string {
    const path = `${QUALITY_RAW_PATHS.photoFile}${file}`;
    return `${path}?ticket=${encodeURIComponent(this.auth.mediaTickets.issue(path).ticket)}`;
  }

  handles(req: IncomingMessage, url: URL): boolean {
    const p = url.pathname;
    return (req.method === 'POST' && p === QUALITY_RAW_PATHS.photos) || (req.method === 'GET' && p.startsWith(QUALITY_RAW_PATHS.photoFile));
  }

  async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      if (req.method === 'GET') return this.photo(req, res, url);
      return await this.upload(req, res);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('internal', 'internal error; see the core log');
      if (apiError.code === 'internal') this.log.error('quality photo route failed', { path: url.pathname, error, stack: (error as Error).stack });
      if (!res.headersSent) send(res, HTTP_STATUS_FOR_ERROR[apiError.code], apiError.toBody());
      req.resume();
    }
  }

  private photo(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const caller = this.auth.authenticate(bearerToken(req));
    const ticketed = this.auth.mediaTickets.allows(url.searchParams.get('ticket'), url.pathname);
    if (!ticketed && !caller) return send(res, 401, { error: 'this photo URL has no valid ticket; open the notice or inspection again for a fresh one', code: 'unauthorized' });
    if (caller && !ticketed && !mayQuality(caller.role, 'read')) return send(res, 403, { error: `${caller.role} may not see inspection photos`, code: 'forbidden' });
    let file: string;
    try {
      file = decodeURIComponent(url.pathname.slice(QUALITY_RAW_PATHS.photoFile.length));
    } catch {
      return send(res, 404, { error: 'no such photo', code: 'not-found' });
    }
    const path = join(this.photosDir, file);
    if (!QUALITY_PHOTO_PATTERN.test(file) || !existsSync(path)) return send(res, 404, { error: 'no such photo', code: 'not-found' });
    const ext = file.slice(file.lastIndexOf('.') + 1);
    // Names carry the content's hash: a photo URL never changes content.
    res.writeHead(200, { 'Content-Type': CONTENT_TYPE[ext] ?? 'application/octet-stream', 'Content-Length': statSync(path).size, 'Cache-Control': 'private, max-age=86400, immutable', 'X-Content-Type-Options': 'nosniff' });
    createReadStream(path).pipe(res);
  }

  private async upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const caller = this.auth.authenticate(bearerToken(req));
    if (!caller) throw new ApiError('unauthorized', 'log in first (missing bearer token)');
    if (!mayQuality(caller.role, 'uploadPhoto')) throw new ApiError('forbidden', `${caller.role} may not attach photos to inspections or notices`);
    const body = await readBody(req, QUALITY_PHOTO_MAX_BYTES);
    if (body === 'too-large') return send(res, 413, { error: `the photo is over the ${QUALITY_PHOTO_MAX_BYTES / 2 ** 20} MiB limit`, code: 'bad-request', field: 'photo' });
    const result = await storeQualityPhoto(this.photosDir, body);
    if (!result.ok) return send(res, result.status, { error: result.message, code: 'bad-request', field: 'photo' });
    this.store.addPhoto({ file: result.file, format: result.format, bytes: result.bytes, width: result.width, height: result.height, by: caller.username, at: Date.now() });
    const reply: QualityPhotoUploaded = { file: result.file, bytes: result.bytes, format: result.format, width: result.width, height: result.height, url: this.photoUrl(result.file) };
    send(res, 201, reply);
  }
}

/** Reads a body up to `max` bytes; past it the rest is read and dropped. */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    req.resume();
    return 'too-large';
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= max) chunks.push(chunk as Buffer);
  }
  return size > max ? 'too-large' : Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
