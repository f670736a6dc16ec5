import { compactUtc } from '../../common/time.js';
import { redactRtspUrl, TEST_PATTERN_SCHEME } from './ffmpeg-args.js';
import { join } from 'node:path';
import { locateFfmpeg } from '../../../native/ffmpeg.js';
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import { recordEvidenceClip, type EvidenceClip } from './evidence-clip.js';
import type { RemuxOptions, TranscodeOptions } from './ffmpeg-args.js';
import { RtspAuthProxy } from './rtsp-auth-proxy.js';
import { snapshotFromRtsp, snapshotFromStream, type SnapshotOptions } from './snapshot.js';
import { StreamSupervisor, type SubscribeOptions, type VideoSubscription } from './stream-supervisor.js';
import type { QueueLimits, SegmentSink } from './subscriber-queue.js';
import type { StreamStatus } from './video-types.js';

/** A camera's main (full resolution) and optional sub (low resolution, for grids) streams. */
/**
 * `fallback`: the camera's sub (else main) stream transcoded to H.264 at reduced size, for a
 * browser that cannot decode the camera's codec (MSE reports it unsupported). Costs CPU; started
 * only when a player asks for it.
 */
export type StreamQuality = 'main' | 'sub' | 'fallback';

/** Size of the fallback transcode (pixels wide); small, because every such viewer costs a core share. */
const FALLBACK_WIDTH = 640;

export interface CameraStreamConfig {
  id: string;
  /** RTSP URL of the main stream, credentials included (they never leave the core). */
  mainUrl: string;
  /** RTSP URL of the sub stream; grid tiles fall back to main when a camera has none. */
  subUrl?: string;
  /** Transcode instead of remux, for a codec the browser cannot play. */
  transcode?: boolean | TranscodeOptions;
}

export interface VideoServiceOptions {
  cameras: CameraStreamConfig[];
  log?: Logger;
  ffmpegPath?: string;
  /** Defaults for every stream (see StreamSupervisorOptions). */
  graceMs?: number;
  preRollMs?: number;
  dataTimeoutMs?: number;
  queueLimits?: QueueLimits;
  remux?: RemuxOptions;
}

export class UnknownCameraError extends Error {
  constructor(cameraId: string) {
    super(`no camera with id "${cameraId}"`);
    this.name = 'UnknownCameraError';
  }
}

/** Per camera id: the state of each of its streams that has been requested at least once. */
export type VideoStatus = Record<string, Partial<Record<StreamQuality, StreamStatus>>>;

/**
 * The core's live video: one StreamSupervisor (one ffmpeg at most) per camera stream, created on
 * first use. Optional service: without ffmpeg the rest of the console still runs.
 */
export class VideoService implements Service {
  readonly name = 'video';
  readonly required = false;
  private readonly cameras = new Map<string, CameraStreamConfig>();
  private readonly supervisors = new Map<string, StreamSupervisor>();
  private ffmpegPath: string | undefined;
  /** Hands ffmpeg credential-free loopback URLs for cameras that need a password (see rtsp-auth-proxy.ts). */
  private readonly authProxy: RtspAuthProxy;
  /** Told after a camera's settings change: paths that run their own ffmpeg (WebRTC) follow. */
  private readonly changeListeners = new Set<(cameraId: string) => void | Promise<void>>();

  constructor(private readonly options: VideoServiceOptions) {
    for (const camera of options.cameras) this.cameras.set(camera.id, camera);
    this.authProxy = new RtspAuthProxy({ ...(options.log ? { log: options.log.child('rtsp-proxy') } : {}) });
  }

  async start(): Promise<void> {
    // Fails the (optional) service with FfmpegNotFoundError's install hint when there is no ffmpeg.
    this.ffmpegPath = this.options.ffmpegPath ?? locateFfmpeg().path;
    await this.authProxy.start();
    this.options.log?.info('video ready', { cameras: this.cameras.size, ffmpeg: this.ffmpegPath });
  }

  /** Whether ffmpeg was found at start (otherwise no stream can run). */
  get available(): boolean {
    return this.ffmpegPath !== undefined;
  }

  async stop(): Promise<void> {
    const all = [...this.supervisors.values()];
    this.supervisors.clear();
    await Promise.all(all.map((s) => s.stop()));
    await this.authProxy.stop();
  }

  /**
   * Replaces a camera's stream settings (new credentials, new URL). Its running streams keep their
   * subscribers (a recording camera's pre-roll hold included) and restart ffmpeg on the new URL;
   * viewers get a new init segment. A changed `transcode` takes effect on streams started later.
   */
  async updateCamera(camera: CameraStreamConfig): Promise<void> {
    this.cameras.set(camera.id, camera);
    const mine = [...this.supervisors.entries()].filter(([key]) => splitKey(key)[0] === camera.id);
    await Promise.all(
      mine.map(([key, supervisor]) => {
        const quality = splitKey(key)[1];
        return supervisor.retarget(this.urlOf(camera.id, quality === 'fallback' ? 'sub' : quality));
      }),
    );
    await Promise.all([...this.changeListeners].map((listener) => listener(camera.id)));
  }

  /** Calls `listener` after every camera change (updateCamera); returns the unsubscribe. */
  onCameraChange(listener: (cameraId: string) => void | Promise<void>): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Live fMP4 segments of one camera stream: init first, then fragments from a keyframe on. */
  subscribe(cameraId: string, quality: StreamQuality, sink: SegmentSink, options?: SubscribeOptions): VideoSubscription {
    return this.supervisor(cameraId, quality).subscribe(sink, options);
  }

  status(): VideoStatus {
    const out: VideoStatus = {};
    for (const [key, supervisor] of this.supervisors) {
      const [cameraId, quality] = splitKey(key);
      (out[cameraId] ??= {})[quality] = supervisor.status();
    }
    return out;
  }

  /**
   * The status of the stream a viewer of `quality` watches (a sub request on a camera without a
   * sub stream watches main), or undefined while that stream has never been requested. What each
   * viewer's socket sends once a second: one stream's status, not the whole site's.
   */
  streamStatus(cameraId: string, quality: StreamQuality): StreamStatus | undefined {
    const camera = this.cameras.get(cameraId);
    if (!camera) return undefined;
    return (this.supervisors.get(streamKey(cameraId, effectiveQuality(camera, quality))) ?? this.supervisors.get(streamKey(cameraId, 'main')))?.status();
  }

  /** A JPEG of the camera now: from the running stream's buffer if it has one, else straight from RTSP. */
  async snapshot(cameraId: string, quality: StreamQuality = 'sub', options: SnapshotOptions = {}): Promise<Buffer> {
    const supervisor = this.supervisor(cameraId, quality);
    const fromStream = await snapshotFromStream(supervisor, { ffmpegPath: this.ffmpegPath, ...options });
    if (fromStream) return fromStream;
    if (this.urlOf(cameraId, quality).startsWith(TEST_PATTERN_SCHEME)) {
      // A simulated camera has no RTSP URL to grab from: run its stream until a keyframe is buffered.
      const subscription = supervisor.subscribe(() => undefined);
      try {
        const deadline = Date.now() + 8000;
        while (Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 100));
          const jpeg = await snapshotFromStream(supervisor, { ffmpegPath: this.ffmpegPath, ...options });
          if (jpeg) return jpeg;
        }
        throw new Error('the simulated camera produced no frame in 8 s');
      } finally {
        subscription.unsubscribe();
      }
    }
    return snapshotFromRtsp(this.ffmpegInput(this.urlOf(cameraId, quality)), { ffmpegPath: this.ffmpegPath, ...options });
  }

  /**
   * Pre-roll + post-roll MP4 of the main stream into `dir`, named by camera and time. Pre-roll
   * exists only while the stream runs (someone watching, or an alarm module holding a subscription).
   */
  async evidenceClip(cameraId: string, dir: string, roll: { preRollMs?: number; postRollMs: number }): Promise<EvidenceClip> {
    const supervisor = this.supervisor(cameraId, 'main');
    const stamp = compactUtc(Date.now());
    return recordEvidenceClip(supervisor, {
      path: join(dir, `${cameraId}-${stamp}.mp4`),
      preRollMs: roll.preRollMs ?? this.options.preRollMs ?? 10_000,
      postRollMs: roll.postRollMs,
      ffmpegPath: this.ffmpegPath,
    });
  }

  /**
   * Where another path's own ffmpeg (WebRTC's RTP forwarder) reads a camera stream: a key naming
   * the effective stream, the masked label, the input asked afresh for every run (auth-proxy
   * ticket for cameras with a password), and whether the stream can be passed through at all.
   */
  passThroughSource(cameraId: string, quality: 'main' | 'sub'): { key: string; label: string; input: () => string; passThrough: boolean; ffmpegPath: string | undefined } {
    const camera = this.cameras.get(cameraId);
    if (!camera) throw new UnknownCameraError(cameraId);
    const effective = quality === 'sub' && camera.subUrl ? 'sub' : 'main';
    const url = this.urlOf(cameraId, effective);
    return {
      key: `${cameraId}\u0000${effective}`,
      label: redactRtspUrl(url),
      input: () => this.ffmpegInput(this.urlOf(cameraId, effective)),
      passThrough: !camera.transcode && !url.startsWith(TEST_PATTERN_SCHEME),
      ffmpegPath: this.ffmpegPath,
    };
  }

  /** The supervisor of one stream, created on first use. */
  supervisor(cameraId: string, quality: StreamQuality): StreamSupervisor {
    const camera = this.cameras.get(cameraId);
    if (!camera) throw new UnknownCameraError(cameraId);
    const effective = effectiveQuality(camera, quality);
    const key = streamKey(cameraId, effective);
    let supervisor = this.supervisors.get(key);
    if (!supervisor) {
      const { log, graceMs, preRollMs, dataTimeoutMs, queueLimits, remux } = this.options;
      supervisor = new StreamSupervisor({
        url: this.urlOf(cameraId, effective === 'fallback' ? 'sub' : effective),
        inputUrl: (url) => this.ffmpegInput(url),
        transcode: effective === 'fallback' ? { width: FALLBACK_WIDTH } : camera.transcode,
        ffmpegPath: this.ffmpegPath,
        log: log?.child(`video.${cameraId}.${effective}`),
        graceMs,
        preRollMs,
        dataTimeoutMs,
        queueLimits,
        remux,
      });
      this.supervisors.set(key, supervisor);
    }
    return supervisor;
  }

  /**
   * What ffmpeg may be told to read: a URL with credentials becomes a one-time path of the auth
   * proxy, because a password on ffmpeg's command line is readable by every local user.
   */
  private ffmpegInput(url: string): string {
    if (!hasCredentials(url)) return url;
    return this.authProxy.ticket(url);
  }

  private urlOf(cameraId: string, quality: StreamQuality): string {
    const camera = this.cameras.get(cameraId);
    if (!camera) throw new UnknownCameraError(cameraId);
    return quality === 'sub' && camera.subUrl ? camera.subUrl : camera.mainUrl;
  }
}

/** The stream that serves `quality`: sub falls back to main on a camera without a sub stream. */
function effectiveQuality(camera: CameraStreamConfig, quality: StreamQuality): StreamQuality {
  return quality === 'fallback' ? 'fallback' : quality === 'sub' && camera.subUrl ? 'sub' : 'main';
}

function streamKey(cameraId: string, quality: StreamQuality): string {
  return `${cameraId}\u0000${quality}`;
}

function splitKey(key: string): [string, StreamQuality] {
  const at = key.lastIndexOf('\u0000');
  return [key.slice(0, at), key.slice(at + 1) as StreamQuality];
}

function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}
