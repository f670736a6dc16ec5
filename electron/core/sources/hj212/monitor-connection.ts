import type { Socket } from 'node:net';
import { Hj212FrameDecoder, type Hj212FrameFault } from './frame-codec.js';

/** Replies waiting in the socket for a peer that does not read; past this the peer is cut off. */
const MAX_UNSENT_REPLY_BYTES = 64 * 1024;

export interface MonitorConnectionEvents {
  frame(connection: MonitorConnection, segment: string): void;
  fault(connection: MonitorConnection, fault: Hj212FrameFault): void;
  /** No complete frame within the idle timeout; the connection is being closed. */
  idle(connection: MonitorConnection): void;
  closed(connection: MonitorConnection): void;
}

/**
 * One TCP connection from a monitor (or its 4G data logger, which may carry several monitors'
 * MNs). Owns the stream decoder and the idle timer.
 *
 * The idle timer restarts only on a complete frame with a good CRC, not on any byte: a
 * slow-loris peer trickling a byte at a time would otherwise hold its slot for ever.
 */
export class MonitorConnection {
  /** `address:port`, for logs. */
  readonly remote: string;
  /** The peer's address alone: the key for rate-limited logs, so a peer reconnecting over and over is still one key. */
  readonly address: string;
  /** Device ids that have sent an authenticated frame on this connection. */
  readonly monitors = new Set<string>();
  private readonly decoder = new Hj212FrameDecoder();
  private readonly idleTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: Socket,
    idleTimeoutMs: number,
    private readonly events: MonitorConnectionEvents,
  ) {
    this.address = socket.remoteAddress ?? '?';
    this.remote = `${this.address}:${socket.remotePort ?? '?'}`;
    this.idleTimer = setTimeout(() => {
      this.events.idle(this);
      this.close();
    }, idleTimeoutMs);
    this.idleTimer.unref();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // Resets and the like: 'close' follows, which is where the connection is forgotten.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(this.idleTimer);
      this.events.closed(this);
    });
  }

  /** Sends a frame; false (and the connection closed) when the peer has stopped reading. */
  send(frame: Buffer): boolean {
    if (this.socket.destroyed) return false;
    if (this.socket.writableLength + frame.length > MAX_UNSENT_REPLY_BYTES) {
      this.close();
      return false;
    }
    this.socket.write(frame);
    return true;
  }

  close(): void {
    this.socket.destroy();
  }

  get skippedBytes(): number {
    return this.decoder.skippedBytes;
  }

  private onData(chunk: Buffer): void {
    for (const event of this.decoder.push(chunk)) {
      if (this.socket.destroyed) return;
      if (event.type === 'frame') {
        this.idleTimer.refresh();
        this.events.frame(this, event.segment);
      } else {
        this.events.fault(this, event.fault);
      }
    }
  }
}
