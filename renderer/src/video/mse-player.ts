import { AppendQueue } from './append-queue.js';
import { mseMimeType } from './codec-support.js';
import { ArrivalDelay, decideLiveEdge, rangesOf, trimRange } from './live-edge.js';
import { VideoSocket, type SocketState, type StreamInitMessage, type StreamStatusMessage } from './video-socket.js';

/** What a tile shows about its player (the camera's own state comes from `StreamStatusMessage`). */
export type PlayerState =
  | 'connecting'
  | 'playing'
  | 'waiting'
  | 'paused'
  | 'retrying'
  | 'unsupported'
  | 'unauthorized'
  | 'unknown-camera'
  | 'closed';

/** The hover readout: what this player measures itself (the core's own fps/bitrate come with the status). */
export interface PlayerStats {
  /** Frames decoded per second over the last second. */
  fps: number;
  /** Video received over the last second, kbit/s. */
  kbps: number;
  /** Newest buffered frame minus the play head, ms: how far behind the stream's live edge the picture is. */
  lagMs: number;
  /** From activation (socket opened) to the first frame on screen, ms; absent until then. */
  firstFrameMs?: number;
  /** Fragments dropped by the bounded append queue. */
  dropped: number;
  /** MediaSource rebuilds (ffmpeg restarts, resyncs). */
  resets: number;
  /** How much later than the recent best the newest data reached the SourceBuffer, ms (time queued on the way). */
  arrivalDelayMs?: number;
  /** Queued backlogs dropped by reconnecting (see ArrivalDelay). */
  backlogsDropped?: number;
}

export interface PlayerListener {
  onState(state: PlayerState, detail?: string): void;
  onStatus(status: StreamStatusMessage): void;
  onStats(stats: PlayerStats): void;
}

export interface MsePlayerOptions {
  origin: string;
  cameraId: string;
  quality: 'main' | 'sub' | 'fallback';
  token: () => string | null;
}

const TICK_MS = 250;
/** No fragment for this long while the socket is open and the camera is said live: resync. */
const STALL_MS = 8_000;

/**
 * A live MSE player fed by the core's video socket. One MediaSource per ffmpeg run (a new `init`
 * generation rebuilds it, so timestamps never jump backwards inside one SourceBuffer); a bounded
 * append queue drained in batches; the play head kept ~0.15 s behind the newest frame by rate and
 * seek (live-edge.ts); data that queued on the way (socket, append queue) dropped by a reconnect
 * that keeps the MediaSource; the buffer
 * behind the play head trimmed to ~10 s. `destroy()` releases the socket and the media player —
 * Chromium has capped media players per page before (75; it then logs "Blocked attempt to create a
 * WebMediaPlayer as there are too many WebMediaPlayers already in existence"), so a closed tile
 * must give its player back.
 */
export class MsePlayer {
  /** The camera's own codec when this player fell back to the core's transcode, else null. */
  fallbackFrom: string | null = null;
  private socket: VideoSocket | null = null;
  private mediaSource: MediaSource | null = null;
  private sourceBuffer: SourceBuffer | null = null;
  private objectUrl: string | null = null;
  private generation = -1;
  private codec = '';
  private readonly queue = new AppendQueue();
  private readonly arrival = new ArrivalDelay();
  private arrivalDelayMs = Number.NaN;
  private backlogsDropped = 0;
  private tickTimer: ReturnType<typeof setInterval> | null = null;
  private active = false;
  private destroyed = false;
  private state: PlayerState = 'paused';
  private cameraLive = false;
  private activatedAt = 0;
  private lastMediaAt = 0;
  private lagMs = Number.NaN;
  private firstFrameMs: number | undefined;
  private resets = 0;
  private lastStats = { at: 0, frames: 0, bytes: 0 };

  constructor(
    private readonly video: HTMLVideoElement,
    private options: MsePlayerOptions,
    private readonly listener: PlayerListener,
  ) {
    video.muted = true;
    video.playsInline = true;
    video.autoplay = true;
    video.addEventListener('error', this.onVideoError);
  }

  /** Visible tiles stream; hidden ones (scrolled away, tab hidden) hold no socket and no decoder. */
  setActive(active: boolean): void {
    if (this.destroyed || active === this.active) return;
    this.active = active;
    if (active) {
      this.activatedAt = performance.now();
      this.firstFrameMs = undefined;
      this.lastStats = { at: 0, frames: 0, bytes: 0 };
      delete this.video.dataset.firstFrameMs;
      this.socket = new VideoSocket(this.options, {
        onInit: (meta, segment) => this.onInit(meta, segment),
        onMedia: (fragment) => this.onMedia(fragment),
        onStatus: (status) => {
          this.cameraLive = status.state === 'live';
          this.listener.onStatus(status);
        },
        onState: (state, detail) => this.onSocketState(state, detail),
      });
      this.tickTimer = setInterval(this.tick, TICK_MS);
    } else {
      this.stopStreaming();
      this.setState('paused');
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    this.stopStreaming();
    this.destroyed = true;
    this.video.removeEventListener('error', this.onVideoError);
    this.setState('closed');
  }

  private stopStreaming(): void {
    this.socket?.close();
    this.socket = null;
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.tickTimer = null;
    this.releaseMedia();
    this.generation = -1;
  }

  private onSocketState(state: SocketState, detail?: string): void {
    if (state === 'connecting') this.setState(this.state === 'retrying' ? 'retrying' : 'connecting');
    else if (state === 'retrying') this.setState('retrying', detail);
    else if (state === 'unauthorized' || state === 'unknown-camera') this.setState(state, detail);
  }

  private onInit(meta: StreamInitMessage, segment: ArrayBuffer): void {
    if (!canPlayCodec(meta.codec)) {
      this.stopStreaming();
      if (this.options.quality !== 'fallback') {
        // A codec this browser cannot decode (H.265 in most Chromium builds, MJPEG…): ask the core
        // for the reduced-size H.264 transcode of the same camera instead (it costs core CPU).
        this.options = { ...this.options, quality: 'fallback' };
        this.fallbackFrom = meta.codec;
        this.setActive(false);
        this.setActive(true);
        return;
      }
      // Even the transcode cannot be played: stop pulling video, say so plainly.
      this.setState('unsupported', meta.codec);
      return;
    }
    if (this.sourceBuffer && meta.generation === this.generation && meta.codec === this.codec) {
      // Same ffmpeg run after a reconnect: the same init again, then fragments from a keyframe.
      this.enqueue(segment);
      return;
    }
    // A new ffmpeg run restarts timestamps: a fresh MediaSource is simpler and safer than abort+changeType.
    if (this.generation !== -1) this.resets++;
    this.releaseMedia();
    this.arrival.reset();
    this.generation = meta.generation;
    this.codec = meta.codec;
    // Which path plays (the lag bench and tests read it; WebRTC marks its own element 'webrtc').
    this.video.dataset.videoPath = this.options.quality === 'fallback' ? 'fallback' : 'mse';
    this.queue.push(segment);
    this.openMedia(meta.codec);
    this.setState('waiting');
  }

  private onMedia(fragment: ArrayBuffer): void {
    if (!this.mediaSource) return;
    this.lastMediaAt = performance.now();
    this.enqueue(fragment);
  }

  private enqueue(item: ArrayBuffer): void {
    if (!this.queue.push(item)) {
      // The decoder cannot keep up: resync from the next keyframe rather than buffer without end.
      this.resync();
      return;
    }
    this.pump();
  }

  /**
   * The data is arriving seconds late: it queued somewhere on the way (the socket's kernel buffers,
   * the core's queue for this viewer, our append queue). Reconnect and keep the MediaSource: the
   * core starts the new socket at its latest keyframe, the stale bytes go with the old socket.
   */
  private dropBacklog(): void {
    this.backlogsDropped++;
    this.arrival.reset();
    this.queue.clear();
    this.socket?.reconnectNow();
  }

  private resync(): void {
    this.releaseMedia();
    this.generation = -1;
    this.socket?.reconnectNow();
  }

  private openMedia(codec: string): void {
    const mediaSource = new MediaSource();
    const url = URL.createObjectURL(mediaSource);
    this.mediaSource = mediaSource;
    this.objectUrl = url;
    mediaSource.addEventListener(
      'sourceopen',
      () => {
        if (this.mediaSource !== mediaSource) return;
        URL.revokeObjectURL(url);
        this.objectUrl = null;
        try {
          const sourceBuffer = mediaSource.addSourceBuffer(mseMimeType(codec));
          sourceBuffer.mode = 'segments';
          sourceBuffer.addEventListener('updateend', this.pump);
          this.sourceBuffer = sourceBuffer;
        } catch (error) {
          this.stopStreaming();
          this.setState('unsupported', `${codec}: ${(error as Error).message}`);
          return;
        }
        this.pump();
      },
      { once: true },
    );
    this.video.src = url;
    this.watchFirstFrame();
  }

  /** Times the first frame presented after activation (requestVideoFrameCallback where there is one). */
  private watchFirstFrame(): void {
    if (this.firstFrameMs !== undefined || typeof this.video.requestVideoFrameCallback !== 'function') return;
    const video = this.video;
    video.requestVideoFrameCallback(() => {
      if (this.firstFrameMs !== undefined || !this.active) return;
      this.markFirstFrame(performance.now());
    });
  }

  private markFirstFrame(now: number): void {
    this.firstFrameMs = Math.round(now - this.activatedAt);
    this.video.dataset.firstFrameMs = String(this.firstFrameMs);
  }

  /** Releases the MediaSource and the decoder behind it (the socket stays). */
  private releaseMedia(): void {
    this.queue.clear();
    if (this.sourceBuffer) this.sourceBuffer.removeEventListener('updateend', this.pump);
    this.sourceBuffer = null;
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = null;
    if (this.mediaSource) {
      this.mediaSource = null;
      this.video.removeAttribute('src');
      this.video.load();
    }
    this.lagMs = Number.NaN;
  }

  /** Feeds the SourceBuffer one item at a time; trims behind the play head first when due. */
  private readonly pump = (): void => {
    const sourceBuffer = this.sourceBuffer;
    if (!sourceBuffer || sourceBuffer.updating || this.mediaSource?.readyState !== 'open') return;
    const trim = trimRange(rangesOf(sourceBuffer.buffered), this.video.currentTime);
    if (trim) {
      sourceBuffer.remove(trim.start, trim.end);
      return;
    }
    const next = this.queue.takeAll();
    if (!next) return;
    try {
      sourceBuffer.appendBuffer(next);
    } catch {
      // QuotaExceededError or a detached buffer: start over from a keyframe.
      this.resync();
      return;
    }
    if (this.video.paused) void this.video.play().catch(() => undefined);
  };

  private readonly tick = (): void => {
    const video = this.video;
    const now = performance.now();
    if (this.sourceBuffer && video.buffered.length > 0) {
      const decision = decideLiveEdge(rangesOf(video.buffered), video.currentTime, video.playbackRate);
      if (decision.seekTo !== undefined) video.currentTime = decision.seekTo;
      if (video.playbackRate !== decision.rate) video.playbackRate = decision.rate;
      this.lagMs = Math.round(decision.lagS * 1000);
      const ranges = video.buffered;
      this.arrivalDelayMs = Math.round(this.arrival.record(Date.now() / 1000, ranges.end(ranges.length - 1)) * 1000);
      if (this.arrival.backlogged) this.dropBacklog();
      if (video.paused) void video.play().catch(() => undefined);
      if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.currentTime > 0 && this.firstFrameMs === undefined) this.markFirstFrame(now);
      if (this.state !== 'playing' && now - this.lastMediaAt < 1_000) this.setState('playing');
    }
    if (this.state === 'playing' && now - this.lastMediaAt > 2_000) this.setState('waiting');
    if (this.cameraLive && this.mediaSource && this.lastMediaAt && now - this.lastMediaAt > STALL_MS) {
      this.lastMediaAt = now;
      this.resync();
    }
    if (now - this.lastStats.at >= 1_000) this.emitStats(now);
  };

  private emitStats(now: number): void {
    const frames = this.video.getVideoPlaybackQuality?.().totalVideoFrames ?? 0;
    const bytes = this.socket?.bytesReceived ?? 0;
    const prev = this.lastStats;
    const seconds = (now - prev.at) / 1000;
    this.lastStats = { at: now, frames, bytes };
    // The first call only sets the baseline: a rate needs two samples.
    if (prev.at === 0) return;
    const stats: PlayerStats = {
      fps: Math.max(0, Math.round(((frames - prev.frames) / seconds) * 10) / 10),
      kbps: Math.max(0, Math.round(((bytes - prev.bytes) * 8) / seconds / 1000)),
      lagMs: this.lagMs,
      firstFrameMs: this.firstFrameMs,
      dropped: this.queue.dropped,
      resets: this.resets,
      arrivalDelayMs: this.arrivalDelayMs,
      backlogsDropped: this.backlogsDropped,
    };
    if (Number.isFinite(this.lagMs)) this.video.dataset.lagMs = String(this.lagMs);
    if (Number.isFinite(this.arrivalDelayMs)) this.video.dataset.arrivalDelayMs = String(this.arrivalDelayMs);
    this.video.dataset.backlogsDropped = String(this.backlogsDropped);
    this.listener.onStats(stats);
  }

  private readonly onVideoError = (): void => {
    // A decode error kills the MediaSource; a fresh one from the next keyframe usually recovers.
    if (!this.active || this.destroyed || !this.mediaSource) return;
    this.resets++;
    this.resync();
  };

  private setState(state: PlayerState, detail?: string): void {
    if (state === this.state && !detail) return;
    this.state = state;
    this.video.dataset.playerState = state;
    this.listener.onState(state, detail);
  }
}

/** Whether this browser's MSE can play the codec (H.264 everywhere; H.265 only in some builds). */
export function canPlayCodec(codec: string): boolean {
  return typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported(mseMimeType(codec));
}
