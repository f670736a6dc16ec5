import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { UserRole } from '../../common/api.js';
import { PANORAMA_FILENAME_HEADER, PANORAMA_POINT_HEADER, PANORAMA_UPLOAD_PATH, type PanoramaIngestResult } from '../../common/panorama/types.js';
import type { AuthService } from '../auth/auth-service.js';
import type { Logger } from '../log/logger.js';
import type { PanoramaService } from './panorama-service.js';
import { bearerToken } from '../api/http-server.js';

/** Who may upload: everyone but the read-only viewer role. */
const UPLOAD_ROLES: readonly UserRole[] = ['admin', 'operator', 'safety', 'manager'];

/** `/api/media/panoramas/ID/thumb.jpeg` and `/api/media/panoramas/ID/tiles/LEVEL/COL_ROW.jpeg`; nothing else. */
const MEDIA_PATH = /^\/api\/media\/panoramas\/(pc-[0-9a-f]{16})\/(thumb\.jpeg|tiles\/(\d{1,2})\/(\d{1,4})_(\d{1,4})\.jpeg)$/;

/**
 * The two raw (non-JSON) HTTP routes of panoramas: the upload, whose body is the image itself
 * (`POST /api/panoramas`, name in `X-Filename`, optional `X-Point-Id`; no multipart parsing, so no
 * parser to get wrong), and the tiles/thumbnails, served read-only from the store.
 */
export class PanoramaHttp {
  constructor(
    private readonly service: PanoramaService,
    private readonly auth: AuthService,
    private readonly log: Logger,
  ) {}

  handles(req: IncomingMessage, url: URL): boolean {
    return (url.pathname === PANORAMA_UPLOAD_PATH && req.method === 'POST') || url.pathname.startsWith('/api/media/panoramas/');
  }

  async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === PANORAMA_UPLOAD_PATH) return this.upload(req, res);
    return this.media(req, res, url);
  }

  private async upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const caller = this.auth.authenticate(bearerToken(req));
    if (!caller) return drain(req, res, 401, { error: 'log in first (missing bearer token)', code: 'unauthorized' });
    if (!UPLOAD_ROLES.includes(caller.role)) return drain(req, res, 403, { error: `${caller.role} may not upload panoramas`, code: 'forbidden' });
    const rawName = header(req, PANORAMA_FILENAME_HEADER);
    if (!rawName) return drain(req, res, 400, { error: `name the file in the ${PANORAMA_FILENAME_HEADER} header`, code: 'bad-request', reason: 'bad-name' });
    let name: string;
    try {
      name = decodeURIComponent(rawName);
    } catch {
      return drain(req, res, 400, { error: `the ${PANORAMA_FILENAME_HEADER} header is not URL-encoded UTF-8`, code: 'bad-request', reason: 'bad-name' });
    }
    const max = this.service.maxBytes;
    const declared = Number(req.headers['content-length']);
    const tooLarge = { error: `the file is over the ${(max / 2 ** 20).toFixed(0)} MiB limit`, code: 'bad-request', reason: 'too-large' };
    // Refused before anything is buffered: a huge upload costs no memory.
    if (Number.isFinite(declared) && declared > max) return drain(req, res, 413, tooLarge);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      // Past the limit the rest is read and dropped (memory stays bounded), so the client gets a clean 413.
      if (size <= max) chunks.push(chunk as Buffer);
    }
    if (size > max) return send(res, 413, tooLarge);
    const pointId = header(req, PANORAMA_POINT_HEADER);
    const result = await this.service.submit({ bytes: Buffer.concat(chunks), name, source: 'upload', pointId: pointId ? decodeURIComponent(pointId) : null });
    this.log.debug('panorama upload', { name, status: result.status, by: caller.username });
    send(res, statusOf(result), bodyOf(result));
  }

  private media(_req: IncomingMessage, res: ServerResponse, url: URL): void {
    // A ticket for this capture (mediaTicket), never the session token: tile URLs end up in caches and logs.
    if (!this.auth.mediaTickets.allows(url.searchParams.get('ticket'), url.pathname)) {
      return send(res, 401, { error: 'this tile URL has no valid ticket; ask mediaTicket for one (session tokens are not accepted in URLs)', code: 'unauthorized' });
    }
    const m = MEDIA_PATH.exec(url.pathname);
    if (!m) return send(res, 404, { error: 'no such panorama file', code: 'not-found' });
    const path = join(this.service.paths.captureDir(m[1]!), m[3] !== undefined ? join('tiles', m[3], `${Number(m[4])}_${Number(m[5])}.jpeg`) : 'thumb.jpeg');
    if (!existsSync(path)) return send(res, 404, { error: 'no such panorama file', code: 'not-found' });
    // Capture ids are content hashes, so a tile never changes: cache it for good.
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': statSync(path).size, 'Cache-Control': 'private, max-age=31536000, immutable' });
    createReadStream(path).pipe(res);
  }
}

function statusOf(result: PanoramaIngestResult): number {
  if (result.status === 'accepted') return 201;
  if (result.status === 'duplicate') return 409;
  return result.reason === 'too-large' ? 413 : result.reason === 'queue-full' ? 429 : 400;
}

/** Accepted: the capture. Duplicate and refused: the API's error shape plus `status`/`reason`, so any client reads `error`. */
function bodyOf(result: PanoramaIngestResult): unknown {
  if (result.status === 'accepted') return result;
  if (result.status === 'duplicate') return { error: result.message, code: 'conflict', status: 'duplicate', capture: result.capture };
  return { error: result.message, code: result.reason === 'queue-full' ? 'rate-limited' : 'bad-request', status: 'rejected', reason: result.reason };
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' && v !== '' ? v : null;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Answers at once and discards the body (not buffered), so the connection stays usable. */
function drain(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  send(res, status, body);
  req.resume();
}
