import { parseWebRtcFromCore, type WebRtcFromBrowser, type WebRtcFromCore } from '../../../electron/common/video-path.js';
import { FINAL_CLOSE_CODES, reconnectDelayMs } from './backoff.js';

/** `{type:'init'}` as the core sends it right before each binary init segment. */
export interface StreamInitMessage {
  type: 'init';
  /** MSE codec string, e.g. `avc1.42C01E`. */
  codec: string;
  width: number;
  height: number;
  /** Counts ffmpeg runs of this stream: a higher one means ffmpeg restarted. */
  generation: number;
}

/** `{type:'status'}`, every 2 s (StreamStatusView's live part). */
export interface StreamStatusMessage {
  type: 'status';
  state: 'idle' | 'starting' | 'live' | 'offline';
  /** When `state` last changed, UTC epoch ms. */
  since: number;
  /** Why it is offline, in the core's words (`connection refused`, `timed out`, …). */
  reason?: string;
  /**
   * Set while the stream is live but this viewer has had no keyframe yet (a camera with a long
   * GOP, joined mid-GOP): nothing can be decoded until one comes.
   */
  awaiting?: 'keyframe';
  fps?: number;
  bitrateKbps?: number;
}

/** State of the socket itself (not of the camera). */
export type SocketState = 'connecting' | 'open' | 'retrying' | 'unauthorized' | 'unknown-camera' | 'closed';

export interface VideoSocketHandlers {
  /** A new init segment (with its metadata). */
  onInit(meta: StreamInitMessage, segment: ArrayBuffer): void;
  /** One media fragment (moof+mdat). */
  onMedia(fragment: ArrayBuffer): void;
  onStatus(status: StreamStatusMessage): void;
  onState(state: SocketState, detail?: string): void;
  /** WebRTC signalling from the core (sockets opened with `path: 'webrtc'`). */
  onSignal?(message: WebRtcFromCore): void;
}

export interface VideoSocketOptions {
  /** `http(s)://host:port` of the site core. */
  origin: string;
  cameraId: string;
  quality: 'main' | 'sub' | 'fallback';
  /** Read at every connect so a renewed session is picked up. */
  token: () => string | null;
  /** `webrtc`: signalling instead of fMP4 on this socket (electron/core/video/webrtc-signalling.ts). */
  path?: 'webrtc';
}

/**
 * Client side of `/api/video` (electron/core/api/video-socket.ts): authenticates, pairs each `init`
 * text with the binary init segment that follows it, and reconnects with backoff — except after
 * 4401 (log in again) and 4404 (no such camera), where retrying cannot help.
 */
export class VideoSocket {
  private ws: WebSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private pendingInit: StreamInitMessage | null = null;
  private stopped = false;
  /** Bytes received since the socket was created (binary only). */
  bytesReceived = 0;

  constructor(
    private readonly options: VideoSocketOptions,
    private readonly handlers: VideoSocketHandlers,
  ) {
    this.connect();
  }

  /** Drops the connection now and connects again at once (resync after a queue overflow). */
  reconnectNow(): void {
    if (this.stopped) return;
    this.detach();
    this.connect();
  }

  /** Sends a signalling message; false when the socket is not open. */
  send(message: WebRtcFromBrowser): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  close(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.detach();
    this.handlers.onState('closed');
  }

  private connect(): void {
    this.retryTimer = null;
    this.pendingInit = null;
    const url = new URL('/api/video', this.options.origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('camera', this.options.cameraId);
    url.searchParams.set('quality', this.options.quality);
    if (this.options.path) url.searchParams.set('path', this.options.path);
    this.handlers.onState('connecting');
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ type: 'auth', token: this.options.token() }));
      this.handlers.onState('open');
    };
    ws.onmessage = (message: MessageEvent<string | ArrayBuffer>) => {
      if (typeof message.data === 'string') return this.onText(message.data);
      this.bytesReceived += message.data.byteLength;
      if (this.pendingInit) {
        const meta = this.pendingInit;
        this.pendingInit = null;
        this.handlers.onInit(meta, message.data);
      } else {
        // Media flowing: the connection is good, so the next loss starts the backoff afresh.
        this.attempt = 0;
        this.handlers.onMedia(message.data);
      }
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      const final = FINAL_CLOSE_CODES[event.code];
      if (final) {
        this.stopped = true;
        this.handlers.onState(final, event.reason);
        return;
      }
      this.handlers.onState('retrying', event.reason || `code ${event.code}`);
      this.retryTimer = setTimeout(() => this.connect(), reconnectDelayMs(this.attempt++));
    };
  }

  private onText(text: string): void {
    let message: { type?: string };
    try {
      message = JSON.parse(text) as { type?: string };
    } catch {
      return;
    }
    if (message.type === 'init') this.pendingInit = message as StreamInitMessage;
    else if (message.type === 'status') this.handlers.onStatus(message as StreamStatusMessage);
    else {
      const signal = parseWebRtcFromCore(text);
      if (signal?.ok) this.handlers.onSignal?.(signal.message);
    }
  }

  private detach(): void {
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    ws.close();
  }
}
