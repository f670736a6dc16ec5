import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RTCRtpHeaderExtensionParameters, RtpPacket } from 'werift';
import { PLAYOUT_DELAY_URI, type WebRtcCandidateMessage } from '../../common/video-path.js';
import type { Logger } from '../log/logger.js';
import { isMdnsCandidate } from './webrtc-candidate.js';
import type { WebRtcRtpSource } from './webrtc-rtp-source.js';
import { ViewerGate } from './webrtc-viewer-gate.js';

/** A viewer that has not connected (ICE + DTLS) this long after the offer is closed, ms. */
const CONNECT_TIMEOUT_MS = 15_000;

/**
 * The playout-delay RTP header extension (webrtc.org experiments/rtp-hdrext/playout-delay):
 * the sender tells the receiver the smallest and largest delay it may add before showing a frame.
 * A live camera tile wants the frame on screen as soon as it is decoded — the browser's default
 * smoothing holds frames back to even out arrival jitter, which on a LAN is a few ms while the
 * hold is tens. min = max = 0 selects Chromium's zero-delay rendering (the setting cloud gaming
 * uses); a browser that does not know the extension leaves it out of its answer and plays as before.
 * This is our offer's id for it (one-byte header form, RFC 8285 §4.2: 1–14).
 */
const PLAYOUT_DELAY_ID = 5;
/** 12-bit minimum, 12-bit maximum, in 10-ms units: both 0. */
const ZERO_PLAYOUT_DELAY = Buffer.from([0, 0, 0]);

export interface PeerNetwork {
  /** Extra host candidate addresses besides the LAN interfaces (loopback, for a browser on the same machine). */
  extraHostAddresses: string[];
  /** UDP ports ICE may bind, [min, max] (a firewall's opening); any ephemeral port when absent. */
  portRange?: [number, number];
}

/**
 * One browser watching one stream over WebRTC: a werift peer connection with one send-only H.264
 * track fed from the stream's shared RTP source through this viewer's keyframe gate.
 *
 * Offer from the core, answer from the browser (RFC 8829): the core knows the camera's
 * profile-level-id (from its SPS) and offers exactly that with packetization-mode 1, so the
 * browser's decoder is told the truth and nothing is transcoded. Host candidates only
 * (`iceServers: []`): LAN interfaces (werift leaves out loopback, VPN tunnels and container
 * veths) plus loopback, IPv4. The browser's own candidates may be mDNS names (RFC 8445 with
 * draft-ietf-mmusic-mdns-ice-candidates) the core cannot resolve; ICE still connects through the
 * peer-reflexive candidate its first check creates (RFC 8445 §7.3.1.3).
 */
export class WebRtcPeer {
  private readonly pc: RTCPeerConnection;
  private readonly track = new MediaStreamTrack({ kind: 'video' });
  private readonly gate = new ViewerGate();
  private unsubscribe: (() => void) | undefined;
  private connectTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** The playout-delay extension's id when the browser's answer accepted it. */
  private playoutDelayId: number | undefined;
  /** Packets sent to this viewer (tests and diagnostics). */
  packetsSent = 0;

  constructor(
    private readonly source: WebRtcRtpSource,
    profileLevelId: string,
    network: PeerNetwork,
    private readonly onClosed: (why: string) => void,
    private readonly log?: Logger,
  ) {
    this.pc = new RTCPeerConnection({
      iceServers: [],
      iceUseIpv6: false,
      iceAdditionalHostAddresses: network.extraHostAddresses,
      ...(network.portRange ? { icePortRange: network.portRange } : {}),
      bundlePolicy: 'max-bundle',
      codecs: {
        video: [
          new RTCRtpCodecParameters({
            mimeType: 'video/H264',
            clockRate: 90_000,
            rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
            parameters: `level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=${profileLevelId}`,
          }),
        ],
        audio: [],
      },
      headerExtensions: { video: [new RTCRtpHeaderExtensionParameters({ id: PLAYOUT_DELAY_ID, uri: PLAYOUT_DELAY_URI })], audio: [] },
    });
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') clearTimeout(this.connectTimer);
      if (state === 'failed' || state === 'closed') void this.close(`connection ${state}`);
    });
  }

  /** Creates the offer with the core's host candidates in it (non-trickle). */
  async offer(): Promise<string> {
    this.pc.addTransceiver(this.track, { direction: 'sendonly' });
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await this.gathered();
    // Closed while gathering (the socket left, the camera was removed): subscribing now would hold the stream's ffmpeg for nobody.
    if (this.closed) throw new Error('the viewer closed before the offer was ready');
    this.connectTimer = setTimeout(() => void this.close('not connected in time'), CONNECT_TIMEOUT_MS);
    this.connectTimer.unref();
    this.unsubscribe = this.source.subscribe((packet) => {
      // werift drops RTP until DTLS is up: the gate must not open on a keyframe nobody receives.
      if (this.pc.connectionState !== 'connected') return;
      for (const out of this.gate.admit(packet, this.source.parameterSets)) {
        this.packetsSent++;
        this.track.writeRtp(this.withPlayoutDelay(out));
      }
    });
    return this.pc.localDescription?.sdp ?? '';
  }

  async answer(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    this.playoutDelayId = this.pc.getTransceivers()[0]?.headerExtensions.find((e) => e.uri === PLAYOUT_DELAY_URI)?.id;
  }

  /** Whether the browser accepted zero playout delay (tests and diagnostics). */
  get zeroPlayoutDelay(): boolean {
    return this.playoutDelayId !== undefined;
  }

  /**
   * The packet with the zero playout delay attached, when negotiated. Every packet carries it
   * (3 bytes + 4 of header): a receiver applies the value of the frames it sees, and a viewer may
   * join or lose packets at any point.
   */
  private withPlayoutDelay(packet: Buffer): Buffer | RtpPacket {
    if (this.playoutDelayId === undefined) return packet;
    const rtp = RtpPacket.deSerialize(packet);
    rtp.header.extensions.push({ id: this.playoutDelayId, payload: ZERO_PLAYOUT_DELAY });
    return rtp;
  }

  /**
   * Applies a browser's trickled candidate, except mDNS host names (`<uuid>.local`,
   * draft-ietf-mmusic-mdns-ice-candidates), which browsers use for host candidates by default.
   * werift would resolve one by multicast DNS and, for a candidate that arrived before the answer,
   * hold the whole connection (ICE checks done, DTLS not started) until the lookup times out after
   * 10 s. They are not needed: the browser's first check to one of the core's host candidates
   * creates a peer-reflexive candidate that ICE nominates (RFC 8445 §7.3.1.3), and the mDNS draft
   * lets an endpoint that cannot resolve a name ignore the candidate.
   */
  async candidate(message: WebRtcCandidateMessage): Promise<void> {
    if (message.candidate === '') return; // end of candidates: nothing to do for werift
    if (isMdnsCandidate(message.candidate)) return;
    await this.pc.addIceCandidate({ candidate: message.candidate.replace(/^a=/, ''), sdpMid: message.sdpMid ?? undefined, sdpMLineIndex: message.sdpMLineIndex ?? undefined });
  }

  /** The stream's state for the viewer's status line. */
  streamStatus(): ReturnType<WebRtcRtpSource['status']> {
    return this.source.status();
  }

  get connectionState(): string {
    return this.pc.connectionState;
  }

  /** Stops feeding and closes the peer; idempotent. */
  async close(why = 'closed'): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.connectTimer);
    this.unsubscribe?.();
    this.track.stop();
    try {
      await this.pc.close();
    } catch (error) {
      this.log?.warn('webrtc peer close failed', { error });
    }
    this.onClosed(why);
  }

  private async gathered(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3_000);
      const { unSubscribe } = this.pc.iceGatheringStateChange.subscribe((state) => {
        if (state !== 'complete') return;
        clearTimeout(timer);
        unSubscribe();
        resolve();
      });
    });
  }
}

