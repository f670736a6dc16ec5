import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { ApiError, HTTP_STATUS_FOR_ERROR } from '../../common/api.js';
import type { AuthService } from '../auth/auth-service.js';
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import { dispatchApiCall } from './dispatch.js';
import type { ApiHandlers } from './handlers.js';
import { matchApiRoute } from './http-router.js';
import type { LiveSocketServer } from './live-socket.js';
import { serveStatic } from './static-files.js';
import { MEDIA_FILE_PATTERN } from './camera-handlers.js';
import type { VideoSocketServer } from './video-socket.js';
import { originAllowed, refuseUpgrade } from './socket-handshake.js';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { setSecurityHeaders } from './security-headers.js';

const MAX_BODY_BYTES = 64 * 1024;

export interface HttpServerOptions {
  host: string;
  port: number;
  /** Built renderer (renderer/dist); served at `/`. */
  staticRoot: string;
  /** Live video sockets (`/api/video`), when the site has cameras. */
  video?: VideoSocketServer;
  /** Folders of files served under `/api/media/{name}/FILE` (snapshots, clips). */
  mediaDirs?: Record<string, string>;
  /** The site's glTF/GLB model, served at `/api/media/model/NAME` (only that one file). */
  siteModelFile?: { dir: string; name: string };
  /**
   * Routes that are not JSON calls of the contract: uploads with a binary body, downloads of
   * files the core made, pages served to workers' phones. Asked in order, before the API routes:
   * panoramas (`POST /api/panoramas`, `/api/media/panoramas/…` tiles), the workforce's photos,
   * imports, exports, gate pushes and phone pages. Each checks its own authorisation.
   */
  rawRoutes?: readonly RawRoutes[];
  /** Origins besides the console's own that may open the live and video sockets (wall screens' pages). */
  wallOrigins?: readonly string[];
  /** PEM certificate and key: HTTPS and WSS on the same port instead of HTTP and WS. */
  tls?: { cert: string; key: string };
}

/** A group of raw HTTP routes (see `HttpServerOptions.rawRoutes`). */
export interface RawRoutes {
  handles(req: IncomingMessage, url: URL): boolean;
  serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

/** A port that cannot be bound, with a message the operator can act on. */
export class PortInUseError extends Error {
  constructor(host: string, port: number, code: string) {
    super(
      code === 'EADDRINUSE'
        ? `Port ${port} on ${host} is already in use (another Site Command or another program). Stop it, or choose another port with --port N.`
        : `Cannot listen on ${host}:${port} (${code}). Choose another address with --host/--port.`,
    );
    this.name = 'PortInUseError';
  }
}

/**
 * Fails fast, before brokers, cameras and simulators start, when the HTTP port cannot be bound:
 * the commonest start-up problem should not cost the operator a slow start and a slow stop.
 */
export async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createNetServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) => reject(new PortInUseError(host, port, error.code ?? error.message)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** HTTP + WebSocket transport of the API, and the web console's static files. */
export class HttpApiServer implements Service {
  readonly name = 'http';
  readonly required = true;
  private server: Server | null = null;
  private boundPort = 0;

  constructor(
    private readonly options: HttpServerOptions,
    private readonly handlers: ApiHandlers,
    private readonly auth: AuthService,
    private readonly live: LiveSocketServer,
    private readonly log: Logger,
  ) {}

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    return `${this.options.tls ? 'https' : 'http'}://${host}:${this.boundPort}`;
  }

  async start(): Promise<void> {
    const listener = (req: IncomingMessage, res: ServerResponse) => {
      this.onRequest(req, res).catch((error) => {
        this.log.error('request failed', { error });
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error', code: 'internal' });
        else res.destroy();
      });
    };
    const server: Server = this.options.tls ? createHttpsServer({ cert: this.options.tls.cert, key: this.options.tls.key }, listener) : createServer(listener);
    server.on('upgrade', (req, socket, head) => {
      try {
        this.onUpgrade(req, socket, head);
      } catch (error) {
        this.log.error('upgrade failed', { error, stack: (error as Error).stack });
        socket.destroy();
      }
    });
    server.headersTimeout = 15_000;
    server.requestTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => reject(new PortInUseError(this.options.host, this.options.port, error.code ?? error.message)));
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.live.close();
    this.options.video?.close();
    if (!server) return;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * A browser lets any page open a WebSocket to any address, so the upgrade checks `Origin`
   * (RFC 6455 §10.2) and refuses strangers with a 403 before any socket exists.
   */
  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => undefined);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const target = path === '/api/live' ? this.live : path === '/api/video' ? this.options.video : undefined;
    if (!target) return refuseUpgrade(socket, 404, `no WebSocket endpoint ${path.slice(0, 100)}`);
    if (!originAllowed(req, this.options.wallOrigins ?? [])) {
      this.log.warn('socket refused: origin not allowed', { origin: String(req.headers.origin).slice(0, 200), path });
      return refuseUpgrade(socket, 403, 'this origin may not open the console sockets; add it with --wall-origin');
    }
    target.handleUpgrade(req, socket, head);
  }

  /**
   * Serves a snapshot, clip or the site model. Browsers cannot put headers on <img>/<video>
   * requests, so the URL carries a ticket for this one file (`mediaTicket`), never the session
   * token; file names must match the pattern the core writes (no paths at all).
   */
  private serveMedia(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (!this.auth.mediaTickets.allows(url.searchParams.get('ticket'), url.pathname)) {
      return sendJson(res, 401, { error: 'this media URL has no valid ticket; ask mediaTicket for one (session tokens are not accepted in URLs)', code: 'unauthorized' });
    }
    const [, , , folder, file, ...rest] = url.pathname.split('/');
    const model = this.options.siteModelFile;
    const isModel = folder === 'model' && model !== undefined && file !== undefined && decodeURIComponent(file) === model.name;
    const dir = isModel ? model!.dir : folder ? this.options.mediaDirs?.[folder] : undefined;
    if (!dir || !file || rest.length || (!isModel && !mediaFileAllowed(decodeURIComponent(file)))) {
      return sendJson(res, 404, { error: 'no such media file', code: 'not-found' });
    }
    const path = join(dir, decodeURIComponent(file));
    if (!existsSync(path)) return sendJson(res, 404, { error: 'no such media file', code: 'not-found' });
    const size = statSync(path).size;
    const type = path.endsWith('.mp4')
      ? 'video/mp4'
      : path.endsWith('.glb')
        ? 'model/gltf-binary'
        : path.endsWith('.gltf')
          ? 'model/gltf+json'
          : 'image/jpeg';
    // Video elements seek with Range requests.
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && size > 0) {
      const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
      const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size || start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` });
        res.end();
        return;
      }
      res.writeHead(206, { 'Content-Type': type, 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Accept-Ranges': 'bytes' });
      createReadStream(path, { start, end }).pipe(res);
      return;
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': size, 'Accept-Ranges': 'bytes', 'Cache-Control': 'private, max-age=3600' });
    createReadStream(path).pipe(res);
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    const url = parseRequestUrl(req.url);
    // Before auth and before any handler decodes it: a broken %-escape is the client's mistake (400), not ours (500).
    if (!url) return sendJson(res, 400, { error: 'malformed URL (a %-escape that is not UTF-8)', code: 'bad-request' });
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed', code: 'bad-request' });
      return serveStatic(this.options.staticRoot, url.pathname, res, req);
    }
    for (const routes of this.options.rawRoutes ?? []) if (routes.handles(req, url)) return routes.serve(req, res, url);
    if (url.pathname.startsWith('/api/media/')) return this.serveMedia(req, res, url);
    const match = matchApiRoute(req.method ?? 'GET', url.pathname);
    if (!match) return sendJson(res, 404, { error: `no API endpoint ${url.pathname}`, code: 'not-found' });
    if ('notAllowed' in match) return sendJson(res, 405, { error: `${req.method} is not allowed on ${url.pathname}`, code: 'bad-request' });
    try {
      const params = req.method === 'POST' ? await readJsonBody(req, res) : queryObject(url);
      const merged = params === undefined && Object.keys(match.pathParams).length === 0 ? undefined : { ...(params as object), ...match.pathParams };
      const result = await dispatchApiCall(this.handlers, this.auth, this.log, match.method, merged, bearerToken(req), req.socket.remoteAddress ?? 'unknown');
      sendJson(res, 200, result);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('internal', 'internal error');
      if (apiError.code === 'internal') this.log.error('API error', { path: url.pathname, error });
      sendJson(res, HTTP_STATUS_FOR_ERROR[apiError.code], apiError.toBody());
    }
  }
}

/** The request's URL, or null when it does not parse or its path has a %-escape that is not UTF-8. */
export function parseRequestUrl(raw: string | undefined): URL | null {
  try {
    const url = new URL(raw ?? '/', 'http://localhost');
    decodeURIComponent(url.pathname);
    return url;
  } catch {
    return null;
  }
}

function mediaFileAllowed(name: string): boolean {
  return MEDIA_FILE_PATTERN.test(name);
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m?.[1] ?? null;
}

function queryObject(url: URL): Record<string, string> | undefined {
  if ([...url.searchParams.keys()].length === 0) return undefined;
  return Object.fromEntries(url.searchParams);
}

/**
 * How much of a refused body is still read (and thrown away) so that the client, which is usually
 * still sending, gets to read the clear 400 rather than a reset connection (EPIPE in its write);
 * past this the connection is closed after the answer (RFC 9112 §9.6) — kept alive, unread bytes
 * would wedge the client's next request.
 */
const DRAIN_REFUSED_BYTES = 1024 * 1024;

async function readJsonBody(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  // One iterator for the whole body, not destroying the request when left early: a refused body
  // is drained through the same iterator, and the answer still goes out on the same socket.
  const body = req.iterator({ destroyOnReturn: false });
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    await drainRefused(req, res, body);
    throw new ApiError('bad-request', 'expected Content-Type: application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      await drainRefused(req, res, body);
      throw new ApiError('bad-request', `request body over ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('bad-request', 'malformed JSON body');
  }
}

/** Reads and discards the rest of a refused body, up to DRAIN_REFUSED_BYTES; closes the connection after the answer when it is not all read. */
async function drainRefused(req: IncomingMessage, res: ServerResponse, body: AsyncIterator<unknown>): Promise<void> {
  let drained = 0;
  while (!req.complete && drained <= DRAIN_REFUSED_BYTES) {
    const next = await body.next();
    if (next.done) break;
    drained += (next.value as Buffer).length;
  }
  if (!req.complete) res.shouldKeepAlive = false;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
