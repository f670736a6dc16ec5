import { randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Logger } from '../log/logger.js';
import { socketErrorWords } from '../socket-error-words.js';
import { RtspAuthorizer, parseChallenges, pickChallenge, type RtspCredentials } from './rtsp-authorization.js';
import { RtspFramer, encodeMessage, headerOf, headersOf, withoutHeader, type RtspUnit } from './rtsp-framing.js';

/**
 * Why this exists: ffmpeg takes an RTSP camera's credentials only inside the input URL, and its
 * command line is readable by every local user (`ps`, /proc/PID/cmdline); ffmpeg 5.1 has no
 * option read from a file or a pipe. So ffmpeg is pointed at this proxy on loopback with a
 * one-time random path and no credentials; the proxy forwards the RTSP requests to the camera,
 * answers the camera's 401 itself (Basic, or Digest with MD5/SHA-256, see rtsp-authorization.ts),
 * rewrites the URLs on the way (request-URIs to the camera, Content-Base/RTP-Info/SDP back), and
 * then passes the interleaved RTP (`-rtsp_transport tcp`) straight through with backpressure.
 * The password stays in the core's memory and on the wire to the camera, as with ffmpeg itself.
 *
 * The bound on the one-time path: it is consumed by the first connection that names it and dies
 * unused after `ticketTtlMs`. It does stand in ffmpeg's command line, so a local user racing
 * ffmpeg's own connect (milliseconds after spawn) could take that one connection: they would get
 * that camera's video, never its password, and the stream restarts on a new path.
 */
export interface RtspAuthProxyOptions {
  log?: Logger;
  /** An unused path expires after this long, ms. Default 20 s (ffmpeg connects within ms of starting). */
  ticketTtlMs?: number;
  /** A connection with no byte either way for this long is closed, ms. Default 30 s. */
  idleTimeoutMs?: number;
  /** Connecting to the camera may take this long, ms. Default 10 s. */
  connectTimeoutMs?: number;
  /** Connections at once (each is one ffmpeg). Default 256. */
  maxConnections?: number;
}

interface Ticket {
  target: URL;
  credentials: RtspCredentials;
  expiresAt: number;
}

const TICKET_RE = /^rtsp:\/\/[^/\s]+\/([0-9a-f]{32})(?=[/?]|$)/i;
const MAX_TICKETS = 1024;

export class RtspAuthProxy {
  private server: Server | undefined;
  private port = 0;
  private readonly tickets = new Map<string, Ticket>();
  private readonly connections = new Set<Socket>();
  private readonly ticketTtlMs: number;
  private readonly idleTimeoutMs: number;
  private readonly connectTimeoutMs: number;

  constructor(private readonly options: RtspAuthProxyOptions = {}) {
    this.ticketTtlMs = options.ticketTtlMs ?? 20_000;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((socket) => this.accept(socket));
    server.maxConnections = this.options.maxConnections ?? 256;
    server.on('error', (error) => this.options.log?.warn('RTSP auth proxy error', { error: error.message }));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.tickets.clear();
    for (const socket of this.connections) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  /**
   * A one-time loopback URL that reaches `url` (which carries credentials) through the proxy:
   * `rtsp://127.0.0.1:PORT/<32 hex>/<the camera's path and query>`. Throws if the proxy is not
   * running or the URL is not plain `rtsp://` (the proxy does not speak RTSP over TLS).
   */
  ticket(url: string): string {
    if (!this.server) throw new Error('the RTSP auth proxy is not running');
    const target = new URL(url);
    if (target.protocol !== 'rtsp:') throw new Error(`only rtsp:// cameras can take a password (got ${target.protocol}//)`);
    this.sweep();
    if (this.tickets.size >= MAX_TICKETS) throw new Error('too many RTSP proxy paths waiting for ffmpeg');
    const credentials = { username: decodeURIComponent(target.username), password: decodeURIComponent(target.password) };
    target.username = '';
    target.password = '';
    const id = randomBytes(16).toString('hex');
    this.tickets.set(id, { target, credentials, expiresAt: Date.now() + this.ticketTtlMs });
    return `${this.prefixOf(id)}${target.pathname}${target.search}`;
  }

  /** Paths handed out and not yet taken (tests, diagnostics). */
  get waitingTickets(): number {
    this.sweep();
    return this.tickets.size;
  }

  private prefixOf(id: string): string {
    return `rtsp://127.0.0.1:${this.port}/${id}`;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, t] of this.tickets) if (t.expiresAt <= now) this.tickets.delete(id);
  }

  private accept(client: Socket): void {
    this.connections.add(client);
    const session = new ProxySession(client, {
      take: (id) => {
        this.sweep();
        const t = this.tickets.get(id);
        this.tickets.delete(id);
        return t;
      },
      prefixOf: (id) => this.prefixOf(id),
      idleTimeoutMs: this.idleTimeoutMs,
      connectTimeoutMs: this.connectTimeoutMs,
      log: this.options.log,
    });
    client.once('close', () => {
      this.connections.delete(client);
      session.close();
    });
  }
}

interface SessionDeps {
  take(id: string): Ticket | undefined;
  prefixOf(id: string): string;
  idleTimeoutMs: number;
  connectTimeoutMs: number;
  log: Logger | undefined;
}

interface PendingRequest {
  method: string;
  uri: string;
  head: string;
  body: Buffer;
  retried: boolean;
}

/** One ffmpeg's connection and its connection to the camera. Nothing in here throws out of a handler. */
class ProxySession {
  private readonly fromClient = new RtspFramer();
  private readonly fromCamera = new RtspFramer();
  private upstream: Socket | undefined;
  private ticket: Ticket | undefined;
  private prefix = '';
  private origin = '';
  private authorizer: RtspAuthorizer | undefined;
  private readonly pending = new Map<string, PendingRequest>();
  private answered = false;
  private closed = false;

  constructor(
    private readonly client: Socket,
    private readonly deps: SessionDeps,
  ) {
    client.setNoDelay(true);
    client.setTimeout(deps.idleTimeoutMs, () => this.close());
    client.on('error', () => this.close());
    client.on('data', (chunk: Buffer) => this.guard(() => this.fromClientBytes(chunk)));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.clear();
    this.client.destroy();
    this.upstream?.destroy();
  }

  private guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.deps.log?.warn('RTSP auth proxy closed a connection', { error: (error as Error).message });
      this.close();
    }
  }

  private fromClientBytes(chunk: Buffer): void {
    for (const unit of this.fromClient.push(chunk)) {
      if (this.closed) return;
      if (unit.kind === 'frame') {
        // RTCP receiver reports from ffmpeg; dropped before the camera is connected.
        if (this.upstream) this.forward(this.upstream, this.client, unit.data);
        continue;
      }
      this.onClientRequest(unit);
    }
  }

  private onClientRequest(unit: Extract<RtspUnit, { kind: 'message' }>): void {
    const lines = withoutHeader(unit.head, 'authorization').split('\r\n');
    const [method = '', uri = '', version = ''] = (lines[0] ?? '').split(' ');
    const cseq = headerOf(unit.head, 'cseq') ?? '';
    if (!this.ticket) {
      const id = TICKET_RE.exec(uri)?.[1]?.toLowerCase();
      const ticket = id ? this.deps.take(id) : undefined;
      if (!id || !ticket) return this.refuse(404, 'Not Found', cseq);
      this.ticket = ticket;
      this.prefix = this.deps.prefixOf(id);
      this.origin = `rtsp://${ticket.target.host}`;
      this.connectCamera(ticket.target);
    }
    // A request must stay inside its own path: never reach another path on the camera with its password.
    if (uri !== '*' && !uri.startsWith(this.prefix)) return this.refuse(403, 'Forbidden', cseq);
    const cameraUri = uri === '*' ? uri : this.origin + uri.slice(this.prefix.length);
    const headers = lines.slice(1).map((line) => line.split(this.prefix).join(this.origin));
    const head = [`${method} ${cameraUri} ${version}`, ...headers].join('\r\n');
    const request: PendingRequest = { method, uri: cameraUri, head, body: unit.body, retried: false };
    if (cseq) this.pending.set(cseq, request);
    if (this.pending.size > 64) throw new Error('ffmpeg sent more than 64 requests without an answer');
    this.upstream!.write(this.encodeRequest(request));
  }

  private encodeRequest(request: PendingRequest): Buffer {
    const auth = this.authorizer ? [`Authorization: ${this.authorizer.header(request.method, request.uri)}`] : [];
    return encodeMessage(request.head, request.body, auth);
  }

  private connectCamera(target: URL): void {
    const upstream = connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port: Number(target.port || 554) });
    this.upstream = upstream;
    upstream.setNoDelay(true);
    const connectTimer = setTimeout(() => this.cameraFailed('Connection timed out'), this.deps.connectTimeoutMs);
    upstream.once('connect', () => clearTimeout(connectTimer));
    upstream.setTimeout(this.deps.idleTimeoutMs, () => this.close());
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(connectTimer);
      this.cameraFailed(reasonPhrase(error));
    });
    upstream.on('close', () => {
      clearTimeout(connectTimer);
      this.close();
    });
    upstream.on('data', (chunk: Buffer) => this.guard(() => this.fromCameraBytes(chunk)));
  }

  /**
   * The camera cannot be reached: answer ffmpeg's waiting request with a 503 whose phrase says
   * why, in the words ffmpeg itself prints for a direct connection ("Connection refused"), so the
   * console shows the same reason with or without the proxy.
   */
  private cameraFailed(phrase: string): void {
    if (this.closed) return;
    const cseq = [...this.pending.keys()][0];
    if (!this.answered && cseq !== undefined) {
      this.client.end(`RTSP/1.0 503 ${phrase}\r\nCSeq: ${cseq}\r\n\r\n`);
      this.upstream?.destroy();
      this.closed = true;
      return;
    }
    this.close();
  }

  private fromCameraBytes(chunk: Buffer): void {
    for (const unit of this.fromCamera.push(chunk)) {
      if (this.closed) return;
      if (unit.kind === 'frame') {
        this.forward(this.client, this.upstream!, unit.data);
        continue;
      }
      if (unit.head.startsWith('RTSP/')) this.onCameraResponse(unit);
      else this.forward(this.client, this.upstream!, this.rewriteToClient(unit)); // a request from the camera
    }
  }

  private onCameraResponse(unit: Extract<RtspUnit, { kind: 'message' }>): void {
    const status = Number(unit.head.split(' ')[1]);
    const cseq = headerOf(unit.head, 'cseq') ?? '';
    const request = this.pending.get(cseq);
    if (status === 401 && request && !request.retried && this.ticket) {
      const challenge = pickChallenge(parseChallenges(headersOf(unit.head, 'www-authenticate')));
      if (challenge) {
        request.retried = true;
        this.authorizer = new RtspAuthorizer(challenge, this.ticket.credentials);
        this.upstream!.write(this.encodeRequest(request));
        return;
      }
    }
    this.pending.delete(cseq);
    this.answered = true;
    this.forward(this.client, this.upstream!, this.rewriteToClient(unit));
  }

  /** Every absolute rtsp:// URL from the camera (Content-Base, RTP-Info, SDP a=control) points back at this path. */
  private rewriteToClient(unit: Extract<RtspUnit, { kind: 'message' }>): Buffer {
    const rewrite = (text: string) => text.replace(/rtsp:\/\/[^/\s"';,>]+/gi, this.prefix);
    const isSdp = /application\/sdp/i.test(headerOf(unit.head, 'content-type') ?? '');
    const body = isSdp ? Buffer.from(rewrite(unit.body.toString('utf8')), 'utf8') : unit.body;
    return encodeMessage(rewrite(withoutHeader(unit.head, 'www-authenticate')), body);
  }

  /** Writes to `to`; while `to` cannot take more, stops reading `from` (backpressure both ways). */
  private forward(to: Socket, from: Socket, data: Buffer): void {
    if (to.destroyed) return;
    if (!to.write(data) && !from.isPaused()) {
      from.pause();
      to.once('drain', () => from.resume());
    }
  }

  private refuse(code: number, phrase: string, cseq: string): void {
    this.closed = true;
    this.client.end(`RTSP/1.0 ${code} ${phrase}\r\n${cseq ? `CSeq: ${cseq}\r\n` : ''}\r\n`);
    this.upstream?.destroy();
  }
}

/** The reason phrase of the 503 sent to ffmpeg when the camera cannot be reached. */
function reasonPhrase(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'Connection refused';
    case 'ETIMEDOUT':
      return 'Connection timed out';
    case 'EHOSTUNREACH':
      return 'No route to host';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'Name or service not known';
    case 'ENETUNREACH':
      return 'Network is unreachable';
    default:
      return (socketErrorWords(error.code) ?? 'Camera connection failed').replace(/[\r\n]/g, ' ');
  }
}
