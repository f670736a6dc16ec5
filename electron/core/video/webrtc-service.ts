import type { WebRtcErrorMessage } from '../../common/video-path.js';
import type { Logger } from '../log/logger.js';
import type { SpawnGuard } from './guarded-spawn.js';
import type { StartGate } from './start-gate.js';
import { UnknownCameraError, type VideoService } from './video-service.js';
import { WebRtcPeer, type PeerNetwork } from './webrtc-peer.js';
import { WebRtcRtpSource } from './webrtc-rtp-source.js';

/** Each WebRTC viewer costs the core SRTP encryption in JavaScript: past this, a stream's viewers take MSE. */
export const DEFAULT_MAX_PEERS_PER_STREAM = 8;
/** How long a new viewer waits for the camera's SPS (it names the profile to offer), ms. */
const PARAMETERS_TIMEOUT_MS = 6_000;
/**
 * How long a new viewer waits for its stream's turn at the start gate, ms: the player gives up on
 * the offer after 10 s and takes MSE (renderer/src/video/webrtc-player.ts), so waiting longer helps nobody.
 */
const START_SLOT_TIMEOUT_MS = 10_000;

/** What the WebRTC path needs of the video service: where a stream comes from, and word when a camera changes. */
export type WebRtcVideoSource = Pick<VideoService, 'passThroughSource' | 'onCameraChange'>;

export interface WebRtcServiceOptions {
  maxPeersPerStream?: number;
  /** Keep a stream's ffmpeg this long after its last viewer leaves, ms. Default 10 s. */
  graceMs?: number;
  network?: PeerNetwork;
  /** Bounds how many streams start at once. Default: the core's gate, shared with the MSE streams. */
  startGate?: StartGate;
  /** The ffmpeg process guard (tests on machines without setpriv). */
  spawnGuard?: SpawnGuard;
  log?: Logger;
}

/**
 * What `open` gives a socket: its peer and the offer to send, or the error to send instead
 * (`cameraRemoved`: the camera has left the site, the socket closes for good).
 */
export type OpenedViewer = { peer: WebRtcPeer; offer: string } | { error: WebRtcErrorMessage; cameraRemoved?: true };

/**
 * Why a viewer's peer closed: `reason` in words; `cameraRemoved` when its camera left the site
 * (the player should stop, not fall back to another path).
 */
export type ViewerClosed = (reason: string, cameraRemoved: boolean) => void;

/**
 * The WebRTC path of live video: one RTP source (one ffmpeg) per camera stream, at most
 * `maxPeersPerStream` peers on each. The video socket opens a viewer per WebRTC socket and closes
 * it with the socket. A camera's change (VideoService.updateCamera: new credentials or URL)
 * restarts its running sources on the new URL with their viewers kept; a camera that leaves the
 * site closes its viewers with that reason.
 */
export class WebRtcService {
  private readonly sources = new Map<string, WebRtcRtpSource>();
  private readonly peers = new Map<string, Set<WebRtcPeer>>();
  /** Peers closed because their camera left the site (their sockets close as "no such camera"). */
  private readonly removedCameraPeers = new WeakSet<WebRtcPeer>();
  private readonly maxPeers: number;
  private readonly network: PeerNetwork;
  private readonly graceMs: number | undefined;
  private readonly stopWatching: () => void;

  constructor(
    private readonly video: WebRtcVideoSource,
    private readonly options: WebRtcServiceOptions = {},
  ) {
    this.maxPeers = options.maxPeersPerStream ?? DEFAULT_MAX_PEERS_PER_STREAM;
    this.network = options.network ?? networkFromEnvironment();
    // Test knob: integration tests check that ffmpeg ends after the grace without waiting 10 s.
    const testGrace = Number(process.env.SITE_COMMAND_TEST_WEBRTC_GRACE_MS);
    this.graceMs = options.graceMs ?? (testGrace > 0 ? testGrace : undefined);
    // The change itself (stored credentials, the MSE streams) has happened: a WebRTC failure here is logged, not the caller's error.
    this.stopWatching = video.onCameraChange((cameraId) =>
      this.cameraChanged(cameraId).catch((error: unknown) => this.options.log?.warn('webrtc camera change failed', { cameraId, error })),
    );
  }

  async open(cameraId: string, quality: 'main' | 'sub', onClosed: ViewerClosed): Promise<OpenedViewer> {
    let stream: ReturnType<WebRtcVideoSource['passThroughSource']>;
    try {
      stream = this.video.passThroughSource(cameraId, quality);
    } catch (failure) {
      if (failure instanceof UnknownCameraError) return removed(cameraId);
      throw failure;
    }
    if (!stream.passThrough || !stream.ffmpegPath) return error('unsupported', 'this stream has no H.264 to pass through (simulated or transcoded camera)');
    const peers = this.peers.get(stream.key) ?? new Set<WebRtcPeer>();
    this.peers.set(stream.key, peers);
    if (peers.size >= this.maxPeers) return error('busy', `at most ${this.maxPeers} WebRTC viewers per stream`);

    let source = this.sources.get(stream.key);
    if (!source) {
      const { log, startGate, spawnGuard } = this.options;
      source = new WebRtcRtpSource({ label: stream.label, inputUrl: stream.input, ffmpegPath: stream.ffmpegPath, graceMs: this.graceMs, startGate, spawnGuard, log });
      this.sources.set(stream.key, source);
    }
    // Hold the stream while the camera's parameters are awaited, so the source starts now.
    const hold = source.subscribe(() => undefined);
    try {
      if (!(await source.whenLaunched(START_SLOT_TIMEOUT_MS))) {
        if (this.sources.get(stream.key) !== source) return this.whyRetired(cameraId);
        return error('busy', `no start slot in ${START_SLOT_TIMEOUT_MS / 1000} s: too many camera streams starting at once`);
      }
      const profileLevelId = await source.profileLevelId(PARAMETERS_TIMEOUT_MS);
      // The camera changed or left while we waited: this source is retired.
      if (this.sources.get(stream.key) !== source) return this.whyRetired(cameraId);
      if (source.codec && source.codec.toUpperCase() !== 'H264') return error('unsupported', `the camera sends ${source.codec}; WebRTC here carries H.264 only`);
      if (!profileLevelId) return error('failed', `no H.264 parameters from the camera in ${PARAMETERS_TIMEOUT_MS / 1000} s${source.lastError ? ` (${source.lastError})` : ''}`);
      if (peers.size >= this.maxPeers) return error('busy', `at most ${this.maxPeers} WebRTC viewers per stream`);
      const peer: WebRtcPeer = new WebRtcPeer(
        source,
        profileLevelId,
        this.network,
        (why) => {
          peers.delete(peer);
          onClosed(why, this.removedCameraPeers.has(peer));
        },
        this.options.log,
      );
      peers.add(peer);
      try {
        return { peer, offer: await peer.offer() };
      } catch (failure) {
        await peer.close('offer failed');
        if (this.removedCameraPeers.has(peer)) return removed(cameraId);
        return error('failed', `could not create the offer: ${(failure as Error).message}`);
      }
    } finally {
      hold();
    }
  }

  /**
   * Follows a camera's change (VideoService.onCameraChange): each of its running sources restarts
   * at once on the new URL, its viewers kept (they rejoin at the new run's first keyframe); a
   * camera that left the site, or no longer has H.264 to pass through, closes its viewers with the
   * reason and stops its ffmpeg.
   */
  async cameraChanged(cameraId: string): Promise<void> {
    const mine = [...this.sources.entries()].filter(([key]) => splitStreamKey(key)[0] === cameraId);
    await Promise.all(
      mine.map(async ([key, source]) => {
        let stream: ReturnType<WebRtcVideoSource['passThroughSource']>;
        try {
          stream = this.video.passThroughSource(cameraId, splitStreamKey(key)[1]);
        } catch (failure) {
          if (!(failure instanceof UnknownCameraError)) throw failure;
          return this.retire(key, source, removedReason(cameraId), true);
        }
        if (!stream.passThrough) return this.retire(key, source, 'the camera no longer has H.264 to pass through (now transcoded or simulated)', false);
        await source.retarget(stream.label);
      }),
    );
  }

  /** Open peers and running ffmpegs (tests, diagnostics). */
  counts(): { peers: number; ffmpegs: number } {
    let peers = 0;
    for (const set of this.peers.values()) peers += set.size;
    const ffmpegs = [...this.sources.values()].filter((s) => s.ffmpegPid !== undefined).length;
    return { peers, ffmpegs };
  }

  async stop(): Promise<void> {
    this.stopWatching();
    const peers = [...this.peers.values()].flatMap((set) => [...set]);
    await Promise.all(peers.map((peer) => peer.close('server shutting down')));
    await Promise.all([...this.sources.values()].map((source) => source.stop()));
    this.sources.clear();
    this.peers.clear();
  }

  /** Takes a stream out of service: its viewers are closed with `why`, its ffmpeg stopped. */
  private async retire(key: string, source: WebRtcRtpSource, why: string, cameraRemoved: boolean): Promise<void> {
    if (this.sources.get(key) === source) this.sources.delete(key);
    const peers = [...(this.peers.get(key) ?? [])];
    this.peers.delete(key);
    if (cameraRemoved) for (const peer of peers) this.removedCameraPeers.add(peer);
    this.options.log?.info('webrtc stream retired', { stream: source.label, why, viewers: peers.length });
    await Promise.all(peers.map((peer) => peer.close(why)));
    await source.stop();
  }

  /** The error for a viewer whose source was retired while it waited. */
  private whyRetired(cameraId: string): { error: WebRtcErrorMessage; cameraRemoved?: true } {
    try {
      this.video.passThroughSource(cameraId, 'main');
    } catch (failure) {
      if (failure instanceof UnknownCameraError) return removed(cameraId);
      throw failure;
    }
    return error('failed', 'the camera changed while the viewer was joining; try again');
  }
}

/** The video service's stream key: camera id and effective quality (main, or sub when the camera has one). */
function splitStreamKey(key: string): [string, 'main' | 'sub'] {
  const at = key.lastIndexOf('\u0000');
  return [key.slice(0, at), key.slice(at + 1) === 'sub' ? 'sub' : 'main'];
}

/** Also the socket's close reason, which must fit in 123 bytes (RFC 6455 §5.5): 24 UTF-16 units of id are at most 72, the words 35. */
function removedReason(cameraId: string): string {
  return `camera "${cameraId.slice(0, 24)}" was removed from the site`;
}

function removed(cameraId: string): { error: WebRtcErrorMessage; cameraRemoved: true } {
  return { error: { type: 'webrtc-error', code: 'unsupported', reason: removedReason(cameraId) }, cameraRemoved: true };
}

function error(code: WebRtcErrorMessage['code'], reason: string): { error: WebRtcErrorMessage } {
  return { error: { type: 'webrtc-error', code, reason } };
}

/**
 * Host candidates: the LAN interfaces and loopback. `SITE_COMMAND_WEBRTC_UDP_PORTS=50000-50199`
 * pins ICE to a port range a firewall between the wall and the core can open.
 */
export function networkFromEnvironment(env: NodeJS.ProcessEnv = process.env): PeerNetwork {
  const network: PeerNetwork = { extraHostAddresses: ['127.0.0.1'] };
  const range = /^(\d{4,5})-(\d{4,5})$/.exec(env.SITE_COMMAND_WEBRTC_UDP_PORTS ?? '');
  if (range) {
    const [min, max] = [Number(range[1]), Number(range[2])];
    if (min >= 1024 && max <= 65535 && min < max) network.portRange = [min, max];
  }
  return network;
}
