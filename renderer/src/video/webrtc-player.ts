import type { PlayerListener, PlayerState, PlayerStats } from './mse-player.js';
import { PLAYOUT_DELAY_URI } from '../../../electron/common/video-path.js';
import { VideoSocket } from './video-socket.js';

export interface WebRtcPlayerOptions {
  origin: string;
  cameraId: string;
  quality: 'main' | 'sub';
  token: () => string | null;
}

/** The player's listener plus the one event the staged fallback needs. */
export interface WebRtcPlayerListener extends PlayerListener {
  /** This path failed (and the player released everything): the tile picks the next one. */
  onFailed(detail: string, hadFrames: boolean): void;
}

/**
 * Deadlines of each step before the first picture, ms: the core's offer (it waits up to 6 s for
 * the camera's SPS and says so itself when it gives up), ICE + DTLS after the offer, then the
 * first frame after connecting (a viewer starts at the camera's next keyframe: up to one
 * keyframe interval, 1–2 s on most cameras).
 */
export const STEP_TIMEOUT_MS = { offer: 10_000, connect: 5_000, firstFrame: 4_000 } as const;
/** No new frame for this long after frames had shown: the path has failed, ms. */
const STALL_MS = 4_000;
const TICK_MS = 1_000;

/**
 * A live player over WebRTC with the same small interface as MsePlayer (state, status and stats
 * callbacks, `setActive`, `destroy`). Signalling runs on the authenticated video socket
 * (`path: 'webrtc'`): the core offers one send-only H.264 track, this answers and trickles its
 * candidates. No STUN/TURN (`iceServers: []`): host candidates only, so the browser must reach the
 * core's UDP ports directly. The browser's jitter buffer paces playout; there is no live-edge
 * logic to run. Any failure (core says no, ICE fails, no offer, connection or picture within its step's deadline, a
 * stall) tears the player down and reports `onFailed` once; the tile then takes the next path.
 */
export class WebRtcPlayer {
  private socket: VideoSocket | null = null;
  private pc: RTCPeerConnection | null = null;
  private active = false;
  private destroyed = false;
  private failed = false;
  private state: PlayerState = 'paused';
  private activatedAt = 0;
  private frames = 0;
  private lastFrameAt = 0;
  private firstFrameMs: number | undefined;
  /** The step being waited for before the first picture, and its deadline (performance.now ms). */
  private step: { name: keyof typeof STEP_TIMEOUT_MS; deadline: number } = { name: 'offer', deadline: 0 };
  private tickTimer: ReturnType<typeof setInterval> | null = null;
  private frameCallback: number | null = null;
  private lastStats = { at: 0, frames: 0, bytes: 0, delay: 0, emitted: 0 };

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly options: WebRtcPlayerOptions,
    private readonly listener: WebRtcPlayerListener,
  ) {}

  /** Whether this browser can play the WebRTC path at all. */
  static get supported(): boolean {
    return typeof RTCPeerConnection === 'function';
  }

  /** Off screen or hidden: release the peer and the socket; back on: connect again. */
  setActive(active: boolean): void {
    if (this.destroyed || this.failed || active === this.active) return;
    this.active = active;
    if (active) this.start();
    else {
      this.release();
      this.setState('paused');
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.release();
    this.setState('closed');
  }

  private start(): void {
    this.activatedAt = performance.now();
    this.frames = 0;
    this.lastFrameAt = 0;
    this.firstFrameMs = undefined;
    this.nextStep('offer');
    this.setState('connecting');
    this.socket = new VideoSocket(
      { ...this.options, path: 'webrtc' },
      {
        onInit: () => undefined,
        onMedia: () => undefined,
        onStatus: (status) => this.listener.onStatus(status),
        onState: (state, detail) => {
          if (state === 'unauthorized' || state === 'unknown-camera') {
            this.release();
            this.setState(state, detail);
          } else if (state === 'retrying' && !this.pc) {
            // The socket closed before a peer existed: the core refused or went away.
            this.fail(`socket closed${detail ? `: ${detail}` : ''}`);
          }
        },
        onSignal: (message) => {
          if (message.type === 'webrtc-error') {
            if (message.code !== 'bad-message') this.fail(message.reason || message.code);
          } else void this.answer(message.sdp).catch((error: unknown) => this.fail(`answer failed: ${(error as Error).message}`));
        },
      },
    );
    this.tickTimer = setInterval(() => this.tick(), TICK_MS);
    this.watchFrames();
  }

  private async answer(offer: string): Promise<void> {
    this.pc?.close();
    const pc = new RTCPeerConnection({ iceServers: [] });
    this.pc = pc;
    pc.ontrack = (event) => {
      this.video.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      void this.video.play().catch(() => undefined);
    };
    pc.onicecandidate = (event) => {
      const c = event.candidate;
      this.socket?.send({ type: 'webrtc-candidate', candidate: c?.candidate ?? '', sdpMid: c?.sdpMid ?? null, sdpMLineIndex: c?.sdpMLineIndex ?? null });
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed') this.fail('ICE/DTLS connection failed');
      if (pc.connectionState === 'connected' && this.firstFrameMs === undefined) this.nextStep('firstFrame');
    };
    this.nextStep('connect');
    await pc.setRemoteDescription({ type: 'offer', sdp: offer });
    await pc.setLocalDescription(await pc.createAnswer());
    if (pc.localDescription) this.socket?.send({ type: 'webrtc-answer', sdp: pc.localDescription.sdp });
    // The core asks for zero playout delay (electron/core/video/webrtc-peer.ts); mark whether this
    // browser took it, for diagnostics and the e2e test.
    const zero = pc.getReceivers().some((r) => r.getParameters().headerExtensions.some((e) => e.uri === PLAYOUT_DELAY_URI));
    this.video.dataset.playoutDelay = zero ? 'zero' : 'browser';
  }

  /** Counts presented frames (W3C requestVideoFrameCallback); the first one means playing. */
  private watchFrames(): void {
    if (!('requestVideoFrameCallback' in this.video)) return;
    const onFrame = () => {
      this.frames++;
      this.lastFrameAt = performance.now();
      if (this.firstFrameMs === undefined) {
        this.firstFrameMs = Math.round(this.lastFrameAt - this.activatedAt);
        this.video.dataset.firstFrameMs = String(this.firstFrameMs);
        this.setState('playing');
      }
      this.frameCallback = this.video.requestVideoFrameCallback(onFrame);
    };
    this.frameCallback = this.video.requestVideoFrameCallback(onFrame);
  }

  private tick(): void {
    const now = performance.now();
    if (this.firstFrameMs === undefined && now > this.step.deadline) {
      const seconds = STEP_TIMEOUT_MS[this.step.name] / 1000;
      return this.fail({ offer: `no offer from the core in ${seconds} s`, connect: `not connected in ${seconds} s`, firstFrame: `no picture ${seconds} s after connecting` }[this.step.name]);
    }
    if (this.firstFrameMs !== undefined && now - this.lastFrameAt > STALL_MS) return this.fail(`no frame for ${STALL_MS / 1000} s`);
    void this.reportStats(now);
  }

  private async reportStats(now: number): Promise<void> {
    const pc = this.pc;
    if (!pc || this.firstFrameMs === undefined) return;
    let bytes = 0;
    let delay = 0;
    let emitted = 0;
    let dropped = 0;
    (await pc.getStats()).forEach((report: Record<string, unknown>) => {
      if (report.type !== 'inbound-rtp' || report.kind !== 'video') return;
      bytes = Number(report.bytesReceived ?? 0);
      dropped = Number(report.framesDropped ?? 0);
      delay = Number(report.jitterBufferDelay ?? 0);
      emitted = Number(report.jitterBufferEmittedCount ?? 0);
    });
    const last = this.lastStats;
    this.lastStats = { at: now, frames: this.frames, bytes, delay, emitted };
    // The first sample is only the baseline: rates need two (a "0 fps, 0 kbit/s" readout would be false).
    if (!last.at) return;
    const seconds = (now - last.at) / 1000;
    const stats: PlayerStats = {
      fps: (this.frames - last.frames) / seconds,
      kbps: Math.round(((bytes - last.bytes) * 8) / seconds / 1000),
      // The jitter buffer delay over the last interval (W3C webrtc-stats, jitterBufferDelay /
      // jitterBufferEmittedCount): how long a frame waited between arrival and decode.
      lagMs: emitted > last.emitted ? ((delay - last.delay) / (emitted - last.emitted)) * 1000 : Number.NaN,
      firstFrameMs: this.firstFrameMs,
      dropped,
      resets: 0,
    };
    if (!this.destroyed && !this.failed) this.listener.onStats(stats);
  }

  private nextStep(name: keyof typeof STEP_TIMEOUT_MS): void {
    this.step = { name, deadline: performance.now() + STEP_TIMEOUT_MS[name] };
  }

  private fail(detail: string): void {
    if (this.failed || this.destroyed) return;
    this.failed = true;
    const hadFrames = this.firstFrameMs !== undefined;
    this.release();
    this.setState('retrying', detail);
    this.listener.onFailed(detail, hadFrames);
  }

  /** Closes the socket and the peer and gives the video element back (srcObject would override an MSE `src`). */
  private release(): void {
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.tickTimer = null;
    if (this.frameCallback !== null) this.video.cancelVideoFrameCallback(this.frameCallback);
    this.frameCallback = null;
    this.socket?.close();
    this.socket = null;
    this.pc?.close();
    this.pc = null;
    this.video.srcObject = null;
    delete this.video.dataset.firstFrameMs;
    delete this.video.dataset.playoutDelay;
    this.lastStats = { at: 0, frames: 0, bytes: 0, delay: 0, emitted: 0 };
  }

  private setState(state: PlayerState, detail?: string): void {
    if (state === this.state && state !== 'retrying') return;
    this.state = state;
    this.video.dataset.playerState = state;
    this.listener.onState(state, detail);
  }
}
