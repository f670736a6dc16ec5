import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LiveClientMessage, LiveEvent } from '../../common/api.js';
import type { AuthService } from '../auth/auth-service.js';
import type { Logger } from '../log/logger.js';
import type { LiveHub } from '../pipeline/live-hub.js';

/** A client that has this much unsent data is behind; events are dropped (and counted) until it drains. */
const MAX_BUFFERED_BYTES = 2 * 1024 * 1024;
const AUTH_TIMEOUT_MS = 5000;

/**
 * `/api/live`: pushes live events to web consoles. The browser cannot set headers on a
 * WebSocket, and a token in the URL would end up in proxy logs, so the first message carries it.
 */
export class LiveSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  constructor(
    private readonly hub: LiveHub,
    private readonly auth: AuthService,
    private readonly log: Logger,
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }

  close(): void {
    for (const ws of this.wss.clients) ws.close(1001, 'server shutting down');
    this.wss.close();
  }

  private onConnection(ws: WebSocket): void {
    let unsubscribe: (() => void) | null = null;
    let dropped = 0;
    const timer = setTimeout(() => ws.close(4401, 'authentication timeout'), AUTH_TIMEOUT_MS);

    const send = (event: LiveEvent): void => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        dropped++;
        return;
      }
      if (dropped > 0) {
        ws.send(JSON.stringify({ type: 'dropped', count: dropped } satisfies LiveEvent));
        dropped = 0;
      }
      ws.send(JSON.stringify(event));
    };

    ws.on('message', (data) => {
      if (unsubscribe) return;
      let message: LiveClientMessage;
      try {
        message = JSON.parse(String(data)) as LiveClientMessage;
      } catch {
        ws.close(4400, 'malformed message');
        return;
      }
      if (message?.type !== 'auth' || typeof message.token !== 'string' || !this.auth.authenticate(message.token)) {
        ws.close(4401, 'unauthorized');
        return;
      }
      clearTimeout(timer);
      unsubscribe = this.hub.subscribe(send);
      ws.send(JSON.stringify({ type: 'ready' } satisfies LiveEvent));
    });
    ws.on('close', () => {
      clearTimeout(timer);
      unsubscribe?.();
    });
    ws.on('error', (error) => this.log.debug('live socket error', { error }));
  }
}
