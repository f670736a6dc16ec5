import type { WebRtcErrorMessage } from '../../common/video-path.js';
import type { Logger } from '../log/logger.js';
import type { VideoService } from './video-service.js';
import { WebRtcPeer, type PeerNetwork } from './webrtc-peer.js';
import { WebRtcRtpSource } from './webrtc-rtp-source.js';

/** Each WebRTC viewer costs the core SRTP encryption in JavaScript: past this, a stream's viewers take MSE. */
export const DEFAULT_MAX_PEERS_PER_STREAM = 8;
/** How long a new viewer waits for the camera's SPS (it names the profile to offer), ms. */
const PARAMETERS_TIMEOUT_MS = 6_000;

export interface WebRtcServiceOptions {
  maxPeersPerStream?: number;
  /** Keep a stream's ffmpeg this long after its last viewer leaves, ms. Default 10 s. */
  graceMs?: number;
  network?: PeerNetwork;
  log?: Logger;
}

/** What `open` gives a socket: its peer and the offer to send, or the error to send instead. */
export type OpenedViewer = { peer: WebRtcPeer; offer: string } | { error: WebRtcErrorMessage };

/**
 * The WebRTC path of live video: one RTP source (one ffmpeg) per camera stream, at most
 * `maxPeersPerStream` peers on each. The video socket opens a viewer per WebRTC socket and closes
 * it with the socket.
 */
export class WebRtcService {
  private readonly sources = new Map<string, WebRtcRtpSource>();
  private readonly peers = new Map<string, Set<WebRtcPeer>>();
  private readonly maxPeers: number;
  private readonly network: PeerNetwork;
  private readonly graceMs: number | undefined;

  constructor(
    private readonly video: VideoService,
    private readonly options: WebRtcServiceOptions = {},
  ) {
    this.maxPeers = options.maxPeersPerStream ?? DEFAULT_MAX_PEERS_PER_STREAM;
    this.network = options.network ?? networkFromEnvironment();
    // Test knob: integration tests check that ffmpeg ends after the grace without waiting 10 s.
    const testGrace = Number(process.env.SITE_COMMAND_TEST_WEBRTC_GRACE_MS);
    this.graceMs = options.graceMs ?? (testGrace > 0 ? testGrace : undefined);
  }

  async open(cameraId: string, quality: 'main' | 'sub', onClosed: (why: string) => void): Promise<OpenedViewer> {
    const stream = this.video.passThroughSource(cameraId, quality);
    if (!stream.passThrough || !stream.ffmpegPath) return error('unsupported', 'this stream has no H.264 to pass through (simulated or transcoded camera)');
    const peers = this.peers.get(stream.key) ?? new Set<WebRtcPeer>();
    this.peers.set(stream.key, peers);
    if (peers.size >= this.maxPeers) return error('busy', `at most ${this.maxPeers} WebRTC viewers per stream`);

    let source = this.sources.get(stream.key);
    if (!source) {
      source = new WebRtcRtpSource({ label: stream.label, inputUrl: stream.input, ffmpegPath: stream.ffmpegPath, graceMs: this.graceMs, log: this.options.log });
      this.sources.set(stream.key, source);
    }
    // Hold the stream while the camera's parameters are awaited, so the source starts now.
    const hold = source.subscribe(() => undefined);
    try {
      const profileLevelId = await source.profileLevelId(PARAMETERS_TIMEOUT_MS);
      if (source.codec && source.codec.toUpperCase() !== 'H264') return error('unsupported', `the camera sends ${source.codec}; WebRTC here carries H.264 only`);
      if (!profileLevelId) return error('failed', `no H.264 parameters from the camera in ${PARAMETERS_TIMEOUT_MS / 1000} s${source.lastError ? ` (${source.lastError})` : ''}`);
      if (peers.size >= this.maxPeers) return error('busy', `at most ${this.maxPeers} WebRTC viewers per stream`);
      const peer: WebRtcPeer = new WebRtcPeer(
        source,
        profileLevelId,
        this.network,
        (why) => {
          peers.delete(peer);
          onClosed(why);
        },
        this.options.log,
      );
      peers.add(peer);
      try {
        return { peer, offer: await peer.offer() };
      } catch (failure) {
        await peer.close('offer failed');
        return error('failed', `could not create the offer: ${(failure as Error).message}`);
      }
    } finally {
      hold();
    }
  }

  /** Open peers and running ffmpegs (tests, diagnostics). */
  counts(): { peers: number; ffmpegs: number } {
    let peers = 0;
    for (const set of this.peers.values()) peers += set.size;
    const ffmpegs = [...this.sources.values()].filter((s) => s.ffmpegPid !== undefined).length;
    return { peers, ffmpegs };
  }

  async stop(): Promise<void> {
    const peers = [...this.peers.values()].flatMap((set) => [...set]);
    await Promise.all(peers.map((peer) => peer.close('server shutting down')));
    await Promise.all([...this.sources.values()].map((source) => source.stop()));
    this.sources.clear();
    this.peers.clear();
  }
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
