/**
 * Sends one fuzz request and reads the whole answer: through node:http (kept-alive connections,
 * any verb, any header) for well-formed requests, and as raw bytes on a TCP socket for requests
 * no HTTP client would send (bad request lines, huge headers, bodies that stop half-way).
 */
import { Agent, request } from 'node:http';
import { connect } from 'node:net';

export interface HttpAnswer {
  status: number;
  contentType: string;
  /** Whether the site core's own request handler answered (it sets `X-Content-Type-Options`), not Node's HTTP parser. */
  fromCore: boolean;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** Closes the kept-alive connections (end of a test file). */
export function closeProbeConnections(): void {
  agent.destroy();
}

export function httpRequest(baseUrl: string, verb: string, target: string, headers: Record<string, string>, body?: string, timeoutMs = 15_000, retried = false): Promise<HttpAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: verb, path: target, headers, agent, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            fromCore: res.headers['x-content-type-options'] === 'nosniff',
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed after its last answer: Node's documented race,
      // answered by sending again on a fresh connection (the request never reached the server).
      if (req.reusedSocket && error.code === 'ECONNRESET' && !retried) resolve(httpRequest(baseUrl, verb, target, headers, body, timeoutMs, true));
      else reject(error);
    });
    req.end(body);
  });
}

export interface RawAnswer {
  /** Status of the first response on the connection, or null when the server closed without one. */
  status: number | null;
  fromCore: boolean;
  contentType: string;
  body: string;
}

/**
 * Writes `bytes` on a fresh connection, then waits until the server answers (headers and the
 * declared body) or closes, or `waitMs` passes (a request that never completes is answered only
 * by the server's timeout, which is the point of sending it).
 */
export function rawRequest(baseUrl: string, bytes: Buffer, waitMs = 300): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseRaw(received));
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('connect', () => socket.write(bytes, () => undefined));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (complete(received)) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

function complete(data: Buffer): boolean {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(data.subarray(0, end).toString('latin1'));
  return length ? data.length >= end + 4 + Number(length[1]) : false;
}

function parseRaw(data: Buffer): RawAnswer {
  const text = data.toString('utf8');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  return {
    status: status ? Number(status[1]) : null,
    fromCore: /\r\nx-content-type-options: nosniff/i.test(head),
    contentType: /\r\ncontent-type:\s*([^\r\n]*)/i.exec(head)?.[1] ?? '',
    body: end < 0 ? '' : text.slice(end + 4),
  };
}

/** The properties every answer of the core's own handler must have: no 5xx, and a JSON `error` on a 4xx. */
export function answerProblem(answer: { status: number | null; fromCore: boolean; contentType: string; body: string }, isApi: boolean, verb = 'GET'): string | null {
  if (answer.status === null) return null;
  if (answer.status >= 500) return `status ${answer.status}: ${answer.body.slice(0, 300)}`;
  // HEAD answers carry no body (RFC 9110 §9.3.2).
  if (answer.status < 400 || !answer.fromCore || !isApi || verb.toUpperCase() === 'HEAD') return null;
  if (!/^application\/json/.test(answer.contentType)) return `status ${answer.status} with Content-Type "${answer.contentType}"`;
  try {
    const body = JSON.parse(answer.body) as { error?: unknown };
    if (typeof body?.error !== 'string' || body.error === '') return `status ${answer.status} without an error string: ${answer.body.slice(0, 300)}`;
  } catch {
    return `status ${answer.status} with a body that is not JSON: ${answer.body.slice(0, 300)}`;
  }
  return null;
}
