import type { WebSocket } from 'ws';
import { SOCKET_CLOSE } from '../../common/api.js';
import { parseWebRtcFromBrowser, type WebRtcFromCore } from '../../common/video-path.js';
import { runHandshake, type SessionSockets } from '../api/socket-handshake.js';
import type { AuthService } from '../auth/auth-service.js';
import type { CameraRegistry } from '../cameras/camera-registry.js';
import type { Logger } from '../log/logger.js';
import type { WebRtcPeer } from './webrtc-peer.js';
import type { WebRtcService } from './webrtc-service.js';

export interface WebRtcViewerOptions {
  cameraId: string;
  quality: 'main' | 'sub';
  webrtc: WebRtcService;
  cameras: CameraRegistry;
  auth: AuthService;
  sessions: SessionSockets;
  log: Logger;
}

/**
 * `/api/video?camera=ID&quality=Q&path=webrtc`: the same authenticated handshake as the MSE path
 * (no second, unauthenticated endpoint), then signalling instead of fMP4: the core sends
 * `webrtc-offer` (or `webrtc-error`), the browser answers with `webrtc-answer` and trickles
 * `webrtc-candidate`s. A malformed or malicious message gets `webrtc-error`/`bad-message` and is
 * otherwise ignored; a failing peer gets `webrtc-error`/`failed` and the socket closes. The peer
 * lives exactly as long as the socket: closing either closes both. A camera removed from the site
 * closes the socket with SOCKET_CLOSE.noCamera and the reason, as a socket for an unknown camera does.
 */
export function serveWebRtcViewer(ws: WebSocket, o: WebRtcViewerOptions): void {
  let peer: WebRtcPeer | undefined;
  let socketClosed = false;
  const send = (message: WebRtcFromCore) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const fail = (reason: string) => {
    send({ type: 'webrtc-error', code: 'failed', reason: reason.slice(0, 200) });
    ws.close(1000, 'webrtc failed');
  };

  runHandshake(ws, {
    auth: o.auth,
    log: o.log,
    onAuthenticated: (socket, who) => {
      if (!o.cameras.has(o.cameraId)) {
        socket.close(SOCKET_CLOSE.noCamera, `no camera "${o.cameraId.slice(0, 30)}"`);
        return;
      }
      o.sessions.add(socket, who);
      o.webrtc
        .open(o.cameraId, o.quality, (why, cameraRemoved) => {
          if (socketClosed) return;
          // Gone for good: the player shows "no such camera" instead of falling back to MSE.
          if (cameraRemoved) ws.close(SOCKET_CLOSE.noCamera, why);
          else fail(`peer ${why}`);
        })
        .then(async (opened) => {
          if ('error' in opened) {
            send(opened.error);
            if (opened.cameraRemoved) ws.close(SOCKET_CLOSE.noCamera, opened.error.reason);
            else ws.close(1000, 'webrtc unavailable');
            return;
          }
          if (socketClosed) return void (await opened.peer.close('socket closed'));
          peer = opened.peer;
          send({ type: 'webrtc-offer', sdp: opened.offer });
        })
        .catch((error: unknown) => {
          o.log.warn('webrtc viewer failed', { cameraId: o.cameraId, error });
          fail((error as Error).message);
        });
    },
    onMessage: (_socket, data, isBinary) => {
      const parsed = isBinary ? ({ ok: false, error: 'binary messages are not signalling' } as const) : parseWebRtcFromBrowser(data.toString());
      if (!parsed.ok) return send({ type: 'webrtc-error', code: 'bad-message', reason: parsed.error });
      if (!peer) return send({ type: 'webrtc-error', code: 'bad-message', reason: 'no offer has been sent yet' });
      const message = parsed.message;
      const applied = message.type === 'webrtc-answer' ? peer.answer(message.sdp) : peer.candidate(message);
      applied.catch((error: unknown) => {
        // werift refuses an SDP or candidate it cannot use by throwing: the browser hears why.
        const reason = `${message.type} refused: ${(error as Error).message}`.slice(0, 200);
        if (message.type === 'webrtc-answer') fail(reason);
        else send({ type: 'webrtc-error', code: 'bad-message', reason });
      });
    },
  });
  // The tile's status line, as on the MSE path (`{type:'status'}` every second).
  const statusTimer = setInterval(() => {
    if (peer && ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'status', ...peer.streamStatus() }));
  }, 1_000);
  ws.on('close', () => {
    clearInterval(statusTimer);
    socketClosed = true;
    void peer?.close('socket closed');
  });
}
