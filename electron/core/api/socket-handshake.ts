import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { z } from 'zod';
import { SOCKET_CLOSE, type SocketAuthMessage } from '../../common/api.js';
import type { AuthService, Caller } from '../auth/auth-service.js';
import type { Logger } from '../log/logger.js';

/** A client has this long after the upgrade to send its auth message. */
export const AUTH_TIMEOUT_MS = 5000;

/**
 * The first message on `/api/live` and `/api/video`. Browsers cannot put headers on a WebSocket
 * and a token in the URL ends up in proxy logs, so it comes as the first message; validated with
 * the same schema library as HTTP bodies, so a number, an object or 1 MB of text where the token
 * should be is a clean 4400, never an exception.
 */
const AUTH_MESSAGE = z.object({ type: z.literal('auth'), token: z.string().min(1).max(512) }).strict() satisfies z.ZodType<SocketAuthMessage>;

/** Parses a client's first frame: the token, or why the socket is closed. */
export function parseAuthMessage(data: RawData, isBinary: boolean): { token: string } | { close: number; reason: string } {
  if (isBinary) return { close: SOCKET_CLOSE.malformed, reason: 'malformed message' };
  let json: unknown;
  try {
    json = JSON.parse(rawText(data));
  } catch {
    return { close: SOCKET_CLOSE.malformed, reason: 'malformed message' };
  }
  const parsed = AUTH_MESSAGE.safeParse(json);
  return parsed.success ? { token: parsed.data.token } : { close: SOCKET_CLOSE.malformed, reason: 'malformed message' };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

/** What an authenticated socket was opened for; the socket server remembers it to end it with its session. */
export interface AuthenticatedSocket {
  caller: Caller;
  /** sha256 of the session token, to find the socket again when its session ends. */
  tokenHash: string;
}

export interface HandshakeOptions {
  auth: AuthService;
  log: Logger;
  /** Called once the client is authenticated; may throw (the socket is closed with 4500). */
  onAuthenticated: (ws: WebSocket, who: AuthenticatedSocket) => void;
  /** Messages after authentication (ignored when absent); may throw like `onAuthenticated`. */
  onMessage?: (ws: WebSocket, data: RawData, isBinary: boolean) => void;
}

/**
 * Runs the handshake on a new socket: auth within `AUTH_TIMEOUT_MS`, first message by schema, and
 * every listener wrapped so that nothing a client sends can throw out of a `message` listener
 * (an exception there is an uncaught exception, which ends the whole core).
 */
export function runHandshake(ws: WebSocket, o: HandshakeOptions): void {
  let authenticated = false;
  const timer = setTimeout(() => ws.close(SOCKET_CLOSE.unauthorized, 'authentication timeout'), AUTH_TIMEOUT_MS);
  ws.on('message', (data, isBinary) => {
    try {
      if (authenticated) {
        o.onMessage?.(ws, data, isBinary);
        return;
      }
      const first = parseAuthMessage(data, isBinary);
      if ('close' in first) return ws.close(first.close, first.reason);
      const session = o.auth.authenticateSession(first.token);
      if (!session) return ws.close(SOCKET_CLOSE.unauthorized, 'unauthorized');
      authenticated = true;
      clearTimeout(timer);
      o.onAuthenticated(ws, session);
    } catch (error) {
      o.log.error('socket message handler failed', { error, stack: (error as Error).stack });
      ws.close(SOCKET_CLOSE.internal, 'internal error');
    }
  });
  ws.on('close', () => clearTimeout(timer));
  ws.on('error', (error) => o.log.debug('socket error', { error }));
}

/**
 * Origins allowed to open a socket (RFC 6455 §10.2: the server must check `Origin` because a
 * browser lets any page open a WebSocket to any address, cookies or not). Allowed: no Origin
 * header (not a browser; it must still authenticate), the console's own origin (the request's
 * Host, over http or https), and the configured wall-screen origins.
 */
export function originAllowed(req: IncomingMessage, wallOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true;
  return wallOrigins.some((allowed) => sameOrigin(allowed, origin));
}

/**
 * Same scheme, host and port. Opaque origins (`file://`, which the desktop window's pages send, or
 * `null` from sandboxed frames) have no host to compare, so they match only when configured exactly.
 */
function sameOrigin(allowed: string, origin: string): boolean {
  try {
    const a = new URL(allowed).origin;
    const b = new URL(origin).origin;
    return a === 'null' || b === 'null' ? allowed === origin : a === b;
  } catch {
    return false;
  }
}

/** Answers a refused upgrade with a plain HTTP status before any WebSocket exists. */
export function refuseUpgrade(socket: Duplex, status: 403 | 404 | 400, message: string): void {
  const body = JSON.stringify({ error: message, code: status === 403 ? 'forbidden' : status === 404 ? 'not-found' : 'bad-request' });
  const reason = status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * The open sockets of each session, so that logout, expiry or a password change can close them
 * (code 4401 'session ended'). Both socket servers keep one.
 */
export class SessionSockets {
  private readonly byToken = new Map<string, Set<WebSocket>>();

  add(ws: WebSocket, who: AuthenticatedSocket): void {
    let set = this.byToken.get(who.tokenHash);
    if (!set) this.byToken.set(who.tokenHash, (set = new Set()));
    set.add(ws);
    ws.once('close', () => {
      set.delete(ws);
      if (set.size === 0) this.byToken.delete(who.tokenHash);
    });
  }

  /** Closes the sockets of the given sessions. */
  end(tokenHashes: readonly string[]): number {
    let closed = 0;
    for (const hash of tokenHashes) {
      for (const ws of this.byToken.get(hash) ?? []) {
        ws.close(SOCKET_CLOSE.unauthorized, 'session ended');
        closed++;
      }
    }
    return closed;
  }
}
