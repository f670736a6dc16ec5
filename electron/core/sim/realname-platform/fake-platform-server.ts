/**
 * SIMULATOR: a local HTTP server that follows the national real-name platform's published OpenAPI
 * shape (signed form parameters, AES-encrypted ID numbers, asynchronous results). It is our own
 * test double for the adapter and the demo, not the platform, and it enforces the rejections the
 * platform documents (see platform-state.ts). Every answer is JSON `{ code, message, data }`;
 * `code` "0" is success.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { PLATFORM_CODES, PLATFORM_METHODS, QUERY_METHOD } from '../../realname-platform/methods.js';
import { FakePlatformState, type PlatformCounters } from './platform-state.js';
import { MAX_BODY_BYTES, parsePlatformCall } from './request-parser.js';

export interface FakePlatformOptions {
  appId: string;
  appSecret: string;
  projectCode: string;
  /** 0: an ephemeral port. */
  port?: number;
  /** The platform's clock (timestamps, "in the future"). */
  now?: () => number;
  /** Queries answered "processing" before the result (default 1). */
  queriesBeforeReady?: number;
  /** The region dictionary (default: region-dictionary.ts). */
  regions?: ReadonlySet<string>;
}

export class FakeRealnamePlatform {
  readonly state: FakePlatformState;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly now: () => number;
  /** Uploads left before the platform "goes down" (drops connections); null: never. */
  private uploadsBeforeOutage: number | null = null;
  private down = false;

  private constructor(private readonly options: FakePlatformOptions) {
    this.now = options.now ?? Date.now;
    this.state = new FakePlatformState(options.appSecret, options.projectCode, this.now, options.queriesBeforeReady ?? 1, options.regions);
  }

  static async start(options: FakePlatformOptions): Promise<FakeRealnamePlatform> {
    const platform = new FakeRealnamePlatform(options);
    await platform.listen(options.port ?? 0);
    return platform;
  }

  get counters(): PlatformCounters {
    return this.state.counters;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/openapi`;
  }

  /** After `n` more uploads are taken, every call has its connection dropped until `recover()`. */
  goDownAfter(n: number): void {
    this.uploadsBeforeOutage = n;
  }

  recover(): void {
    this.down = false;
    this.uploadsBeforeOutage = null;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private listen(port: number): Promise<void> {
    const server = createServer((req, res) => this.serve(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) over = true;
      else chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (this.down) {
        res.socket?.destroy();
        return;
      }
      if (req.method !== 'POST') return this.answer(res, 405, PLATFORM_CODES.malformed, '只接受 POST 请求');
      if (over) return this.answer(res, 413, PLATFORM_CODES.tooLarge, `请求体超过 ${MAX_BODY_BYTES} 字节`);
      const reply = this.handle(Buffer.concat(chunks), req.headers['content-type']);
      this.answer(res, 200, reply.code, reply.message, reply.data);
    });
  }

  /** One call: parse, check, dispatch. Never throws (a failure is a code and a reason). */
  handle(body: Buffer, contentType: string | undefined): { code: string; message: string; data?: unknown } {
    const c = this.state.counters;
    c.calls++;
    const parsed = parsePlatformCall(body, contentType, { appId: this.options.appId, appSecret: this.options.appSecret, now: this.now() });
    if (!parsed.ok) {
      c.errors[parsed.code] = (c.errors[parsed.code] ?? 0) + 1;
      return { code: parsed.code, message: parsed.message };
    }
    const { method, data } = parsed.call;
    if (method === QUERY_METHOD) {
      const q = this.state.query(data.requestSerialCode);
      return { code: q.code, message: q.message, ...(q.result ? { data: q.result === 'processing' ? { status: 'processing' } : q.result } : {}) };
    }
    if (!(Object.values(PLATFORM_METHODS) as string[]).includes(method)) {
      c.errors[PLATFORM_CODES.unknownMethod] = (c.errors[PLATFORM_CODES.unknownMethod] ?? 0) + 1;
      return { code: PLATFORM_CODES.unknownMethod, message: `不支持的接口 ${method.slice(0, 60)}` };
    }
    const up = this.state.upload(method, data);
    if (up.code === PLATFORM_CODES.ok && this.uploadsBeforeOutage !== null && --this.uploadsBeforeOutage <= 0) this.down = true;
    if (up.code !== PLATFORM_CODES.ok) c.errors[up.code] = (c.errors[up.code] ?? 0) + 1;
    return { code: up.code, message: up.message, ...(up.requestSerialCode ? { data: { requestSerialCode: up.requestSerialCode } } : {}) };
  }

  private answer(res: ServerResponse, status: number, code: string, message: string, data?: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ code, message, ...(data !== undefined ? { data } : {}) }));
  }
}
