import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { SOCKET_CLOSE } from '../../common/api.js';
import type { AuthService } from '../auth/auth-service.js';
import type { CameraRegistry } from '../cameras/camera-registry.js';
import type { Logger } from '../log/logger.js';
import type { StreamQuality, VideoService } from '../video/video-service.js';
import type { VideoSegment } from '../video/video-types.js';
import { WebRtcService } from '../video/webrtc-service.js';
import { VIDEO_SOCKET_MAX_PAYLOAD } from '../../common/video-path.js';
import { serveWebRtcViewer } from '../video/webrtc-signalling.js';
import { runHandshake, SessionSockets } from './socket-handshake.js';

const STATUS_EVERY_MS = 1000;

/**
 * `/api/video?camera=ID&quality=main|sub`: one live stream to one player. After the handshake of
 * socket-handshake.ts (`{type:'auth', token}`), text messages carry metadata — `{type:'init', codec,
 * width, height, generation}` right before each binary init segment, and `{type:'status', …}` every
 * second — and binary messages carry fMP4 (the init segment after an `init` message, media
 * fragments otherwise). A slow player is throttled by the send callbacks; the supervisor's bounded
 * queue drops to the next keyframe rather than buffering without end. The socket closes with its
 * session.
 */
export class VideoSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: VIDEO_SOCKET_MAX_PAYLOAD });
  /** The WebRTC path (`&path=webrtc`): signalling on this same authenticated socket. */
  readonly webrtc: WebRtcService;
  private readonly sessions = new SessionSockets();
  private readonly stopListening: () => void;

  constructor(
    private readonly video: VideoService,
    private readonly cameras: CameraRegistry,
    private readonly auth: AuthService,
    private readonly log: Logger,
  ) {
    this.stopListening = auth.onSessionsEnded((hashes) => this.sessions.end(hashes));
    this.webrtc = new WebRtcService(video, { log: log.child('webrtc') });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const cameraId = url.searchParams.get('camera') ?? '';
    const asked = url.searchParams.get('quality');
    const quality: StreamQuality = asked === 'main' || asked === 'fallback' ? asked : 'sub';
    if (url.searchParams.get('path') === 'webrtc') {
      const passQuality = quality === 'main' ? 'main' : 'sub';
      this.wss.handleUpgrade(req, socket, head, (ws) =>
        serveWebRtcViewer(ws, { cameraId, quality: passQuality, webrtc: this.webrtc, cameras: this.cameras, auth: this.auth, sessions: this.sessions, log: this.log }),
      );
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, cameraId, quality));
  }

  close(): void {
    this.stopListening();
    for (const ws of this.wss.clients) ws.close(1001, 'server shutting down');
    this.wss.close();
    void this.webrtc.stop();
  }

  private onConnection(ws: WebSocket, cameraId: string, quality: StreamQuality): void {
    let unsubscribe: (() => void) | null = null;
    let statusTimer: NodeJS.Timeout | null = null;
    // Media waits for a keyframe after every init (subscriber-queue.ts); until one comes the viewer can decode nothing.
    let awaitingKeyframe = false;

    const sendStatus = () => {
      const status = this.video.streamStatus(cameraId, quality);
      if (status && ws.readyState === ws.OPEN) {
        const awaiting = status.state === 'live' && awaitingKeyframe ? 'keyframe' : undefined;
        ws.send(JSON.stringify({ type: 'status', state: status.state, since: status.since, reason: status.reason, awaiting, fps: status.fps, bitrateKbps: status.bitrateKbps }));
      }
    };
    const sink = (segment: VideoSegment): Promise<void> | void => {
      if (ws.readyState !== ws.OPEN) return;
      awaitingKeyframe = segment.kind === 'init';
      if (segment.kind === 'init') {
        ws.send(JSON.stringify({ type: 'init', codec: segment.codec, width: segment.width, height: segment.height, generation: segment.generation }));
      }
      const sent = new Promise<void>((resolve) => ws.send(segment.data, { binary: true }, () => resolve()));
      // A (re)started stream is live now: say so at once rather than at the next status tick.
      if (segment.kind === 'init') setImmediate(sendStatus);
      return sent;
    };

    runHandshake(ws, {
      auth: this.auth,
      log: this.log,
      onAuthenticated: (socket, who) => {
        if (!this.cameras.has(cameraId)) {
          // A close reason is at most 123 bytes (RFC 6455 §5.5): 30 UTF-16 units are at most 90.
          socket.close(SOCKET_CLOSE.noCamera, `no camera "${cameraId.slice(0, 30)}"`);
          return;
        }
        this.sessions.add(socket, who);
        try {
          const subscription = this.video.subscribe(cameraId, quality, sink);
          unsubscribe = () => subscription.unsubscribe();
        } catch (error) {
          this.log.warn('video subscription failed', { cameraId, error });
          socket.close(SOCKET_CLOSE.internal, 'video unavailable');
          return;
        }
        sendStatus();
        statusTimer = setInterval(sendStatus, STATUS_EVERY_MS);
      },
    });
    ws.on('close', () => {
      if (statusTimer) clearInterval(statusTimer);
      unsubscribe?.();
    });
  }
}
