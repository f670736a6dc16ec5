import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LiveSocketServer } from '../../../electron/core/api/live-socket.js';
import { AuthService } from '../../../electron/core/auth/auth-service.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { LiveHub } from '../../../electron/core/pipeline/live-hub.js';
import { closeDatabase, openDatabase } from '../../../electron/core/store/database.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  removeTempDirs();
});

async function setup() {
  const now = { t: 1_000_000 };
  const db = openDatabase(tempDir());
  const auth = new AuthService(db, quiet, { now: () => now.t, sessionTtlMs: 60_000 });
  await auth.ensureAdmin('pw-12345678', () => undefined);
  const live = new LiveSocketServer(new LiveHub(), auth, quiet);
  const server: Server = createServer();
  server.on('upgrade', (req, socket, head) => live.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => closeDatabase(db), () => new Promise<void>((r) => server.close(() => r())), () => live.close());
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/live`;
  const connect = async (token: unknown) => {
    const ws = new WebSocket(url);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    const ready = new Promise<boolean>((resolve) => {
      ws.on('message', (d) => JSON.parse(String(d)).type === 'ready' && resolve(true));
      void closed.then(() => resolve(false));
    });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'auth', token }));
    return { ws, closed, ready: await ready };
  };
  return { now, auth, connect };
}

describe('live sockets and sessions', () => {
  it('close an expired session’s sockets at the sweep, with 4401 session ended', async () => {
    const { now, auth, connect } = await setup();
    const session = await auth.login('admin', 'pw-12345678');
    const expiring = await connect(session.token);
    expect(expiring.ready).toBe(true);
    now.t += 30_000;
    const later = await auth.login('admin', 'pw-12345678');
    const staying = await connect(later.token);
    now.t += 30_000;
    expect(auth.sweepExpired()).toBe(1);
    expect(await expiring.closed).toEqual({ code: 4401, reason: 'session ended' });
    expect(staying.ws.readyState).toBe(WebSocket.OPEN);
    staying.ws.close();
  });

  it('close with 4400 on a token that is not a string, and keep serving others', async () => {
    const { auth, connect } = await setup();
    const bad = await connect(1);
    expect(bad.ready).toBe(false);
    expect((await bad.closed).code).toBe(4400);
    const good = await connect((await auth.login('admin', 'pw-12345678')).token);
    expect(good.ready).toBe(true);
    good.ws.close();
  });
});
