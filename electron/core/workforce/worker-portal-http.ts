import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { ApiError, HTTP_STATUS_FOR_ERROR } from '../../common/api/errors.js';
import { WORKER_FILE_PREFIX, WORKER_PORTAL_ROUTES, type WorkerIdentification, type WorkerPortalMethod, type WorkerRouteSpec } from '../../common/api/worker-portal.js';
import { bearerToken, type RawRoutes } from '../api/http-server.js';
import type { Logger } from '../log/logger.js';
import type { TrainingService } from './training-service.js';
import type { WorkerIdentity } from './worker-portal-identity.js';
import { WORKER_PORTAL_SCHEMAS } from './worker-portal-schemas.js';

const MAX_BODY_BYTES = 16 * 1024;

/** The checked parameters (WORKER_PORTAL_SCHEMAS); each method reads only its own fields. */
interface PortalParams {
  courseId: number;
  attemptId: number;
  questionId: number;
  choice: number[];
  answers?: Record<string, number[]>;
}

interface Compiled {
  method: WorkerPortalMethod;
  spec: WorkerRouteSpec;
  pattern: RegExp;
  names: string[];
}

const COMPILED: Compiled[] = (Object.entries(WORKER_PORTAL_ROUTES) as [WorkerPortalMethod, WorkerRouteSpec][]).map(([method, spec]) => {
  const names: string[] = [];
  const source = spec.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => (names.push(name), '([^/]+)'));
  return { method, spec, pattern: new RegExp(`^${source}$`), names };
});

/**
 * The worker page's API (`/api/worker/…`, contract in common/api/worker-portal.ts): accepts only
 * worker tokens (`wk.…`, core/workforce/worker-portal-identity.ts), so a console session is
 * refused here, and the console API refuses worker tokens (they are not in its sessions table).
 * The worker is always the session's; no request names one.
 */
export class WorkerPortalHttp implements RawRoutes {
  constructor(
    private readonly training: TrainingService,
    private readonly identity: WorkerIdentity,
    private readonly coursesDir: string,
    private readonly log: Logger,
  ) {}

  handles(_req: IncomingMessage, url: URL): boolean {
    return url.pathname.startsWith('/api/worker/') || url.pathname === '/api/worker';
  }

  async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    try {
      if (url.pathname.startsWith(WORKER_FILE_PREFIX) && (req.method === 'GET' || req.method === 'HEAD')) return this.file(req, res, url);
      await this.call(req, res, url);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('internal', 'internal error; see the core log');
      if (apiError.code === 'internal') this.log.error('worker portal failed', { path: url.pathname, error, stack: (error as Error).stack });
      if (!res.headersSent) send(res, HTTP_STATUS_FOR_ERROR[apiError.code], apiError.toBody());
      else res.destroy();
    }
  }

  private async call(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let pathMatched = false;
    for (const route of COMPILED) {
      const m = route.pattern.exec(url.pathname);
      if (!m) continue;
      pathMatched = true;
      if (route.spec.verb !== req.method) continue;
      const params: Record<string, unknown> = {};
      for (const [i, name] of route.names.entries()) params[name] = safeDecode(m[i + 1] ?? '');
      const worker = route.spec.auth ? this.identity.workerOf(bearerToken(req)) : null;
      if (route.spec.auth && !worker) {
        req.resume();
        throw new ApiError('unauthorized', 'identify first with your ID number and phone, or a code from the labour office (console sessions are not accepted on the worker page)');
      }
      const body = req.method === 'POST' ? await readBody(req) : undefined;
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) throw new ApiError('bad-request', 'the body must be a JSON object');
      const merged = body === undefined && route.names.length === 0 ? undefined : { ...(body as object | undefined), ...params };
      const parsed = WORKER_PORTAL_SCHEMAS[route.method].safeParse(merged);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.join('.') || undefined;
        throw new ApiError('bad-request', `${field ? field + ': ' : ''}${issue?.message ?? 'invalid request'}`, field);
      }
      const result = this.dispatch(route.method, parsed.data as PortalParams, worker, req.socket.remoteAddress ?? 'unknown');
      return send(res, 200, result);
    }
    req.resume();
    if (pathMatched) throw new ApiError('bad-request', `${req.method} is not allowed on ${url.pathname.slice(0, 100)}`);
    throw new ApiError('not-found', `no worker page endpoint ${url.pathname.slice(0, 100)}`);
  }

  private dispatch(method: WorkerPortalMethod, p: PortalParams, worker: { workerId: number; tokenHash: string } | null, address: string): unknown {
    const t = this.training;
    const w = worker?.workerId ?? 0;
    switch (method) {
      case 'identify':
        return this.identity.identify(p as unknown as WorkerIdentification, address);
      case 'signOut':
        this.identity.signOut(worker!.tokenHash);
        return { ok: true };
      case 'me':
        return this.identity.self(w);
      case 'courses':
        return t.coursesFor(w);
      case 'course': {
        const view = t.courseFor(w, p.courseId);
        const materials = t.store.materials(view.id).map((m) => ({
          id: m.id,
          kind: m.kind,
          title: m.title,
          body: m.body,
          mime: m.mime,
          url: m.kind === 'text' ? null : `${WORKER_FILE_PREFIX}${m.id}?ticket=${this.identity.fileTicket(m.id, worker!.tokenHash)}`,
        }));
        return { ...view, materials };
      }
      case 'startExam':
        return t.startExam(w, p.courseId);
      case 'answer':
        return t.answer(w, p.attemptId, p.questionId, p.choice);
      case 'submitExam':
        return t.submit(w, p.attemptId, p.answers);
      case 'examResult':
        return t.result(w, p.attemptId);
    }
  }

  /** A material file for an <img>, <video> or PDF link: the URL's ticket is bound to the worker's session. */
  private file(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const materialId = Number(url.pathname.slice(WORKER_FILE_PREFIX.length));
    if (!Number.isInteger(materialId) || materialId <= 0) throw new ApiError('not-found', 'no such material');
    if (!this.identity.ticketAllows(url.searchParams.get('ticket'), materialId)) throw new ApiError('unauthorized', 'this link has expired; open the course again');
    const row = this.training.store.materialFile(materialId);
    const path = row ? join(this.coursesDir, row.file) : null;
    if (!row || !path || !existsSync(path)) throw new ApiError('not-found', 'no such material');
    const size = statSync(path).size;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    // Phones' video players seek (and iOS insists on) Range requests.
    if (range && size > 0 && (range[1] || range[2])) {
      const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
      const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size || start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` });
        return void res.end();
      }
      res.writeHead(206, { 'Content-Type': row.mime, 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Accept-Ranges': 'bytes', 'Cache-Control': 'private, no-store' });
      if (req.method === 'HEAD') return void res.end();
      createReadStream(path, { start, end }).pipe(res);
      return;
    }
    res.writeHead(200, { 'Content-Type': row.mime, 'Content-Length': size, 'Accept-Ranges': 'bytes', 'Cache-Control': 'private, no-store', 'Content-Disposition': 'inline' });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(path).pipe(res);
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '\u0000';
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Past the limit the rest is read and dropped, so memory stays bounded and the client reads the 400.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw new ApiError('bad-request', `request body over ${MAX_BODY_BYTES} bytes`);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  if (!/^application\/json\b/i.test(type)) throw new ApiError('bad-request', 'expected Content-Type: application/json');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('bad-request', 'malformed JSON body');
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
