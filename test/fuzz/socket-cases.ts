/**
 * Sessions on the two WebSockets (`/api/live`, `/api/video`): a token (or none) in the first
 * message, then random text and binary frames, some over the sockets' payload limits.
 */
import fc from 'fast-check';
import WebSocket from 'ws';
import type { Sender } from './api-cases.js';
import { ROLES } from './api-cases.js';
import { hostileJson, hostileString, percentEncode } from './hostile-values.js';

export type SocketFrame = { text: string } | { binary: number[] } | { bigBinary: number };

export interface SocketCase {
  path: '/api/live' | '/api/video';
  /** Query of the upgrade request (camera and quality for video). */
  query: string;
  /** The auth message's sender: a valid token of that role, none at all, or a forged one. */
  authAs: Sender | 'skip';
  /** How the token is sent in the auth message. */
  tokenShape: 'string' | 'number' | 'object' | 'array' | 'null' | 'missing';
  frames: SocketFrame[];
}

const frame: fc.Arbitrary<SocketFrame> = fc.oneof(
  { weight: 4, arbitrary: hostileJson.map((v) => ({ text: JSON.stringify(v) ?? 'null' })) },
  { weight: 2, arbitrary: hostileString.map((text) => ({ text })) },
  { weight: 2, arbitrary: fc.record({ type: fc.constantFrom('auth', 'subscribe', 'ping', 'AUTH', ''), token: hostileJson }).map((m) => ({ text: JSON.stringify(m) })) },
  { weight: 2, arbitrary: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }).map((binary) => ({ binary })) },
  { weight: 1, arbitrary: fc.constantFrom(4 * 1024 + 1, 64 * 1024 + 1, 200_000).map((bigBinary) => ({ bigBinary })) },
);

export function socketCases(cameraIds: readonly string[]): fc.Arbitrary<SocketCase> {
  const camera = fc.oneof(fc.constantFrom(...(cameraIds.length ? cameraIds : ['none'])), hostileString);
  return fc.record({
    path: fc.constantFrom('/api/live' as const, '/api/video' as const),
    query: fc.tuple(fc.option(camera), fc.option(fc.oneof(fc.constantFrom('main', 'sub', 'fallback'), hostileString))).map(([c, q]) =>
      [c !== null ? `camera=${percentEncode(c)}` : '', q !== null ? `quality=${percentEncode(q)}` : ''].filter(Boolean).join('&'),
    ),
    authAs: fc.constantFrom<Sender | 'skip'>(...ROLES, 'anonymous', 'forged', 'skip'),
    tokenShape: fc.constantFrom('string', 'string', 'string', 'number', 'object', 'array', 'null', 'missing'),
    frames: fc.array(frame, { maxLength: 5 }),
  });
}

/** The auth message for a case; a valid token only where the shape is a string and a role is named. */
export function authMessage(c: SocketCase, tokens: Record<string, string>): string | null {
  if (c.authAs === 'skip') return null;
  const token = c.authAs === 'anonymous' ? '' : c.authAs === 'forged' ? 'f'.repeat(64) : (tokens[c.authAs] ?? '');
  const shaped: Record<SocketCase['tokenShape'], unknown> = { string: token, number: 1, object: { token }, array: [token], null: null, missing: undefined };
  return JSON.stringify({ type: 'auth', token: shaped[c.tokenShape] });
}

/**
 * Plays a case on a fresh socket and resolves with how it ended (close code, or `error`);
 * never rejects: a refused upgrade or a reset is an answer, the core staying up is the property.
 */
export function playSocketCase(baseUrl: string, c: SocketCase, tokens: Record<string, string>, lingerMs = 10): Promise<string> {
  const url = `${baseUrl.replace(/^http/, 'ws')}${c.path}${c.query ? `?${c.query}` : ''}`;
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { handshakeTimeout: 5000 });
    let done = false;
    const finish = (how: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      ws.terminate();
      resolve(how);
    };
    const timer = setTimeout(() => finish('open'), 5000);
    ws.on('error', (e) => finish(`error ${e.message}`));
    ws.on('close', (code) => finish(`closed ${code}`));
    ws.on('unexpected-response', (_req, res) => finish(`http ${res.statusCode}`));
    ws.on('open', () => {
      const auth = authMessage(c, tokens);
      if (auth !== null) ws.send(auth);
      for (const f of c.frames) {
        if ('text' in f) ws.send(f.text);
        else if ('binary' in f) ws.send(Buffer.from(f.binary), { binary: true });
        else ws.send(Buffer.alloc(f.bigBinary, 0x7b), { binary: true });
      }
      setTimeout(() => finish('open'), lingerMs);
    });
  });
}
