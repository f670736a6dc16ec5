import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { GATE_EVENTS_PATH, GATE_PHOTO_MAX_BYTES } from '../../common/api/gates.js';
import { bearerToken } from '../api/http-server.js';
import type { AuthService } from '../auth/auth-service.js';
import type { Logger } from '../log/logger.js';
import { eventTime, gateEventRequestSchema } from './gate-event-schema.js';
import { CAPTURE_FILE_PATTERN } from './gate-capture-files.js';
import { checkCapturePhoto, saveCapture } from './gate-photo.js';
import { personByCredential } from './gate-person.js';
import type { GateSystem } from './gate-system.js';

/** Largest body read: the photo's base64 plus the fields. */
const MAX_BODY_BYTES = Math.ceil((GATE_PHOTO_MAX_BYTES * 4) / 3) + 8 * 1024;
const CAPTURE_MEDIA = /^\/api\/media\/captures\/([^/]+)$/;

/**
 * Turnstiles' push (`POST /api/gate-events`, the gate's push token as the bearer) and the capture
 * photos (`GET /api/media/captures/FILE?ticket=…`, a media ticket as for every <img>). The answer
 * is always JSON with `open`, so a turnstile has one thing to read: 200 for every judged event
 * (opened or not), 400 for a body it must fix, 401 for a wrong token, 404 for a gate the site
 * file lacks, 422 for an event refused by its time (too late, clock ahead).
 */
export class GateHttp {
  constructor(
    private readonly gates: GateSystem,
    private readonly auth: AuthService,
    private readonly capturesDir: string,
    private readonly log: Logger,
  ) {}

  handles(req: IncomingMessage, url: URL): boolean {
    return (url.pathname === GATE_EVENTS_PATH && req.method === 'POST') || url.pathname.startsWith('/api/media/captures/');
  }

  async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === GATE_EVENTS_PATH) return this.push(req, res);
    return this.media(res, url);
  }

  private async push(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const processor = this.gates.processor;
    const body = await readBody(req);
    if (body === 'too-large') {
      processor.countRefusal('badRequests');
      return send(res, 413, refusal('bad-request', `the body is over ${Math.round(MAX_BODY_BYTES / 1024)} KiB (the photo may be at most ${GATE_PHOTO_MAX_BYTES / 1024} KiB)`));
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      processor.countRefusal('badRequests');
      return send(res, 400, refusal('bad-request', 'the body is not JSON'));
    }
    const parsed = gateEventRequestSchema.safeParse(json);
    if (!parsed.success) {
      processor.countRefusal('badRequests');
      const issue = parsed.error.issues[0];
      return send(res, 400, refusal('bad-request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`));
    }
    const event = parsed.data;
    const gate = this.gates.gate(event.gateId);
    if (!gate) {
      const answer = this.gates.processor.process({ gateId: event.gateId, eventKey: '', at: 0, direction: event.direction, credentialKind: 'card', credentialValue: '', worker: null, via: 'http' });
      return send(res, 404, { ...answer, error: answer.reason.en, code: 'not-found' });
    }
    if (!this.gates.tokens.allows(gate.id, bearerToken(req))) {
      processor.countRefusal('unauthorized');
      return send(res, 401, refusal('unauthorized', `send gate ${gate.id}'s push token as "Authorization: Bearer …" (an admin issues it in the console)`));
    }
    const at = eventTime(event.at);
    if (at === null) {
      processor.countRefusal('badRequests');
      return send(res, 400, refusal('bad-request', 'at: not a real date and time'));
    }
    let photoFile: string | null = null;
    if (event.photo !== undefined) {
      const photo = await checkCapturePhoto(event.photo);
      if (!photo.ok) {
        processor.countRefusal('badRequests');
        return send(res, 400, refusal('bad-request', `photo: ${photo.reason}`));
      }
      photoFile = saveCapture(this.capturesDir, gate.id, at, photo.bytes);
    }
    const worker = personByCredential(this.gates.store, event.credential.kind, event.credential.value);
    const answer = processor.process({
      gateId: gate.id,
      eventKey: `${gate.id}:${event.eventId}`,
      at,
      direction: event.direction,
      credentialKind: event.credential.kind,
      credentialValue: event.credential.value,
      worker,
      via: 'http',
      photoFile,
    });
    this.log.debug('gate event', { gateId: gate.id, outcome: answer.outcome, duplicate: answer.duplicate });
    const status = answer.outcome === 'too-late' || answer.outcome === 'clock-ahead' ? 422 : 200;
    send(res, status, status === 200 ? answer : { ...answer, error: answer.reason.en, code: 'bad-request' });
  }

  private media(res: ServerResponse, url: URL): void {
    if (!this.auth.mediaTickets.allows(url.searchParams.get('ticket'), url.pathname)) {
      return send(res, 401, { error: 'this media URL has no valid ticket; ask mediaTicket for one (session tokens are not accepted in URLs)', code: 'unauthorized' });
    }
    const file = CAPTURE_MEDIA.exec(url.pathname)?.[1];
    if (!file || !CAPTURE_FILE_PATTERN.test(file)) return send(res, 404, { error: 'no such capture', code: 'not-found' });
    const path = join(this.capturesDir, file);
    if (!existsSync(path)) return send(res, 404, { error: 'no such capture', code: 'not-found' });
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': statSync(path).size, 'Cache-Control': 'private, max-age=3600' });
    createReadStream(path).pipe(res);
  }
}

function refusal(code: string, error: string) {
  return { open: false, outcome: code, error, code, reason: { zh: '请求无效，闸机配置有误', en: error }, worker: null, duplicate: false, passageId: null };
}

/** Reads at most MAX_BODY_BYTES; past that the rest is drained and dropped (memory stays bounded). */
async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length']);
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = Number.isFinite(declared) && declared > MAX_BODY_BYTES;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    if (!tooLarge) chunks.push(chunk as Buffer);
  }
  return tooLarge ? 'too-large' : Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
