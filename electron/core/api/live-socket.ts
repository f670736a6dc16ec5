import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LiveEvent } from '../../common/api.js';
import type { AuthService } from '../auth/auth-service.js';
import type { Logger } from '../log/logger.js';
import type { LiveHub } from '../pipeline/live-hub.js';
import { runHandshake, SessionSockets } from './socket-handshake.js';

/** A client that has this much unsent data is behind; events are dropped (and counted) until it drains. */
const MAX_BUFFERED_BYTES = 2 * 1024 * 1024;

/**
 * `/api/live`: pushes live events to web consoles, after the handshake of socket-handshake.ts.
 * The socket closes with its session (logout, expiry, password change).
 */
export class LiveSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly sessions = new SessionSockets();
  private readonly stopListening: () => void;

  constructor(
    private readonly hub: LiveHub,
    private readonly auth: AuthService,
    private readonly log: Logger,
  ) {
    this.stopListening = auth.onSessionsEnded((hashes) => this.sessions.end(hashes));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }

  close(): void {
    this.stopListening();
    for (const ws of this.wss.clients) ws.close(1001, 'server shutting down');
    this.wss.close();
  }

  private onConnection(ws: WebSocket): void {
    let unsubscribe: (() => void) | null = null;
    let dropped = 0;

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

    runHandshake(ws, {
      auth: this.auth,
      log: this.log,
      onAuthenticated: (socket, who) => {
        this.sessions.add(socket, who);
        unsubscribe = this.hub.subscribe(send);
        for (const event of this.hub.opening()) send(event);
        socket.send(JSON.stringify({ type: 'ready' } satisfies LiveEvent));
      },
    });
    ws.on('close', () => unsubscribe?.());
  }
}
