import { randomBytes } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { ApiError, HTTP_STATUS_FOR_ERROR } from '../../common/api/errors.js';
import { MATERIAL_COURSE_HEADER, MATERIAL_FILENAME_HEADER, MATERIAL_MAX_BYTES, MATERIAL_TITLE_HEADER, MATERIAL_UPLOAD_PATH, TRAINING_EDITORS, type MaterialView } from '../../common/api/training.js';
import { bearerToken, type RawRoutes } from '../api/http-server.js';
import type { AuthService } from '../auth/auth-service.js';
import type { Logger } from '../log/logger.js';
import { sniffMaterial, type SniffedMaterial } from './training-material-sniff.js';
import type { TrainingService } from './training-service.js';

/**
 * `POST /api/training/materials`: the body is the file itself (no multipart parser to get wrong),
 * the course in `X-Course-Id`, the title in `X-Title`, the original name in `X-Filename`. The
 * file streams to disk (a 200 MB video costs no memory), its first bytes decide what it is, and
 * it gets a name the core chose; a file that is none of image, PDF or video is deleted and refused.
 */
export class TrainingMaterialUpload implements RawRoutes {
  constructor(
    private readonly training: TrainingService,
    private readonly auth: () => AuthService | null,
    private readonly coursesDir: string,
    private readonly log: Logger,
  ) {}

  handles(req: IncomingMessage, url: URL): boolean {
    return url.pathname === MATERIAL_UPLOAD_PATH && req.method === 'POST';
  }

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const material = await this.upload(req);
      send(res, 201, material);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('internal', 'internal error; see the core log');
      if (apiError.code === 'internal') this.log.error('material upload failed', { error, stack: (error as Error).stack });
      if (!req.complete) {
        res.shouldKeepAlive = false;
        req.resume();
      }
      send(res, HTTP_STATUS_FOR_ERROR[apiError.code], apiError.toBody());
    }
  }

  private async upload(req: IncomingMessage): Promise<MaterialView> {
    const caller = this.auth()?.authenticate(bearerToken(req)) ?? null;
    if (!caller) throw new ApiError('unauthorized', 'log in first (missing bearer token)');
    if (!TRAINING_EDITORS.includes(caller.role)) throw new ApiError('forbidden', `${caller.role} may not add course materials (needs ${TRAINING_EDITORS.join(' or ')})`);
    const courseId = Number(header(req, MATERIAL_COURSE_HEADER));
    if (!Number.isInteger(courseId) || courseId <= 0 || !this.training.store.course(courseId)) throw new ApiError('not-found', `no course ${String(header(req, MATERIAL_COURSE_HEADER)).slice(0, 20)}; name it in ${MATERIAL_COURSE_HEADER}`, 'courseId');
    const title = decoded(header(req, MATERIAL_TITLE_HEADER) ?? header(req, MATERIAL_FILENAME_HEADER) ?? '').trim().slice(0, 200);
    if (!title) throw new ApiError('bad-request', `give the material a title in ${MATERIAL_TITLE_HEADER} (URL-encoded)`, 'title');
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MATERIAL_MAX_BYTES) throw new ApiError('bad-request', `the file is over the ${MATERIAL_MAX_BYTES / 2 ** 20} MiB limit`);
    const name = `m-${randomBytes(12).toString('hex')}`;
    const temp = join(this.coursesDir, `${name}.part`);
    let sniffed: SniffedMaterial | null = null;
    let size = 0;
    const out = createWriteStream(temp, { mode: 0o600 });
    try {
      let head = Buffer.alloc(0);
      for await (const chunk of req) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > MATERIAL_MAX_BYTES) throw new ApiError('bad-request', `the file is over the ${MATERIAL_MAX_BYTES / 2 ** 20} MiB limit`);
        if (head.length < 16) {
          head = Buffer.concat([head, buf.subarray(0, 16)]);
          if (head.length >= 16 && !(sniffed = sniffMaterial(head))) throw notMaterial();
        }
        if (!out.write(buf)) await new Promise<void>((resolve) => out.once('drain', resolve));
      }
      sniffed ??= sniffMaterial(head);
      if (!sniffed) throw size === 0 ? new ApiError('bad-request', 'the file is empty') : notMaterial();
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      const file = `${name}.${sniffed.ext}`;
      renameSync(temp, join(this.coursesDir, file));
      const id = this.training.store.addMaterial({ courseId, kind: sniffed.kind, title, file, mime: sniffed.mime, bytes: size }, this.training.now());
      this.log.info('course material added', { courseId, kind: sniffed.kind, bytes: size, by: caller.username });
      this.training.workforce.recordChange({ actor: caller.username, actorRole: caller.role, entity: 'material', entityId: id, action: 'create', after: { courseId, kind: sniffed.kind, title, bytes: size } });
      return this.training.store.material(id)!;
    } finally {
      out.destroy();
      rmSync(temp, { force: true });
    }
  }
}

function notMaterial(): ApiError {
  return new ApiError('bad-request', 'this file is not an image (JPEG, PNG, GIF, WebP), a PDF or a video (MP4, WebM); its contents were checked, not its name', 'file');
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' && v !== '' ? v : null;
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
