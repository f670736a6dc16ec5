/**
 * How a tile's live picture travels, and the WebRTC signalling that rides on the authenticated
 * video socket (`/api/video?camera=ID&quality=Q&path=webrtc`). One definition for the core
 * (electron/core/api/video-socket.ts) and the renderer (renderer/src/video/webrtc-player.ts).
 *
 * Paths, lowest latency first (the staged fallback of Frigate's LivePlayer):
 * - `webrtc`: the camera's H.264 passed through as RTP (RFC 6184) over WebRTC (RFC 8829 JSEP,
 *   RFC 8445 ICE with host candidates only, RFC 5764 DTLS-SRTP). About one frame behind the camera.
 * - `mse`: the camera's H.264 remuxed to fragmented MP4 for Media Source Extensions (W3C MSE).
 * - `fallback`: the core transcodes to small H.264 for MSE (costs CPU; codecs a browser cannot play).
 */
export const VIDEO_PATHS = ['webrtc', 'mse', 'fallback'] as const;
export type VideoPath = (typeof VIDEO_PATHS)[number];

export function isVideoPath(value: unknown): value is VideoPath {
  return typeof value === 'string' && (VIDEO_PATHS as readonly string[]).includes(value);
}

/** Longest SDP either side may send, characters. A one-video-track SDP is 1–4 KB. */
export const MAX_SDP_CHARS = 12_000;

/**
 * The playout-delay RTP header extension (webrtc.org experiments/rtp-hdrext/playout-delay) the
 * core offers with min = max = 0 (electron/core/video/webrtc-peer.ts); the player reports whether
 * its browser accepted it.
 */
export const PLAYOUT_DELAY_URI = 'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay';
/** Longest ICE candidate line (RFC 8839 §5.1 grammar; a host candidate is ~100 characters). */
export const MAX_CANDIDATE_CHARS = 512;
/** The video socket's incoming frame limit with room for an answer SDP, bytes. */
export const VIDEO_SOCKET_MAX_PAYLOAD = 16 * 1024;

/** Core → browser: the core's offer (non-trickle: its host candidates are in the SDP). */
export interface WebRtcOfferMessage {
  type: 'webrtc-offer';
  sdp: string;
}

/** Browser → core: the answer to `webrtc-offer`. */
export interface WebRtcAnswerMessage {
  type: 'webrtc-answer';
  sdp: string;
}

/** Browser → core: one trickled ICE candidate (RTCIceCandidateInit); an empty candidate ends them. */
export interface WebRtcCandidateMessage {
  type: 'webrtc-candidate';
  candidate: string;
  sdpMid: string | null;
  sdpMLineIndex: number | null;
}

/** Core → browser: WebRTC cannot be had for this stream or this message; the player takes the next path. */
export interface WebRtcErrorMessage {
  type: 'webrtc-error';
  /** Machine-readable cause. */
  code: WebRtcErrorCode;
  /** The core's words, for the tile's tooltip and the log. */
  reason: string;
}

export type WebRtcErrorCode =
  /** The message from the browser was not a valid signalling message. */
  | 'bad-message'
  /** Too many WebRTC viewers on this stream already. */
  | 'busy'
  /** The stream has no H.264 to pass through (simulated camera, other codec, transcode-only camera). */
  | 'unsupported'
  /** The camera gave no H.264 parameters in time or the peer could not be set up. */
  | 'failed';

export type WebRtcFromBrowser = WebRtcAnswerMessage | WebRtcCandidateMessage;
export type WebRtcFromCore = WebRtcOfferMessage | WebRtcErrorMessage;

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

/**
 * Validates a text frame from the browser on a WebRTC video socket. Never throws: anything else
 * (not JSON, another type, extra keys, oversized SDP, a candidate that is not one line) is an
 * error in words the core sends back as `webrtc-error`/`bad-message`.
 */
export function parseWebRtcFromBrowser(text: string): Parsed<WebRtcFromBrowser> {
  const json = parseJsonObject(text);
  if (!json.ok) return json;
  const m = json.message;
  if (m.type === 'webrtc-answer') {
    if (!onlyKeys(m, ['type', 'sdp'])) return fail('webrtc-answer: unexpected fields');
    const sdp = sdpError(m.sdp);
    return sdp ? fail(`webrtc-answer: ${sdp}`) : { ok: true, message: { type: 'webrtc-answer', sdp: m.sdp as string } };
  }
  if (m.type === 'webrtc-candidate') {
    if (!onlyKeys(m, ['type', 'candidate', 'sdpMid', 'sdpMLineIndex'])) return fail('webrtc-candidate: unexpected fields');
    const { candidate, sdpMid, sdpMLineIndex } = m;
    if (typeof candidate !== 'string' || candidate.length > MAX_CANDIDATE_CHARS) return fail('webrtc-candidate: candidate must be a string of at most 512 characters');
    if (candidate !== '' && !/^(a=)?candidate:[\x20-\x7e]+$/.test(candidate)) return fail('webrtc-candidate: not an ICE candidate line');
    if (!(sdpMid === null || sdpMid === undefined || (typeof sdpMid === 'string' && /^[\w-]{0,32}$/.test(sdpMid)))) return fail('webrtc-candidate: bad sdpMid');
    if (!(sdpMLineIndex === null || sdpMLineIndex === undefined || (Number.isInteger(sdpMLineIndex) && (sdpMLineIndex as number) >= 0 && (sdpMLineIndex as number) < 16))) {
      return fail('webrtc-candidate: bad sdpMLineIndex');
    }
    return {
      ok: true,
      message: { type: 'webrtc-candidate', candidate, sdpMid: (sdpMid as string | null | undefined) ?? null, sdpMLineIndex: (sdpMLineIndex as number | null | undefined) ?? null },
    };
  }
  return fail(`unknown message type ${JSON.stringify(String(m.type).slice(0, 40))}`);
}

/** Validates a text frame from the core (the renderer's side); other message types are not WebRTC's. */
export function parseWebRtcFromCore(text: string): Parsed<WebRtcFromCore> | null {
  const json = parseJsonObject(text);
  if (!json.ok) return json;
  const m = json.message;
  if (m.type === 'webrtc-offer') {
    const sdp = sdpError(m.sdp);
    return sdp ? fail(`webrtc-offer: ${sdp}`) : { ok: true, message: { type: 'webrtc-offer', sdp: m.sdp as string } };
  }
  if (m.type === 'webrtc-error') {
    const code = ['bad-message', 'busy', 'unsupported', 'failed'].includes(m.code as string) ? (m.code as WebRtcErrorCode) : 'failed';
    return { ok: true, message: { type: 'webrtc-error', code, reason: typeof m.reason === 'string' ? m.reason.slice(0, 200) : '' } };
  }
  return null;
}

function parseJsonObject(text: string): Parsed<Record<string, unknown>> {
  if (text.length > VIDEO_SOCKET_MAX_PAYLOAD) return fail('message too long');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('not a JSON object');
  return { ok: true, message: json as Record<string, unknown> };
}

function sdpError(sdp: unknown): string | null {
  if (typeof sdp !== 'string') return 'sdp must be a string';
  if (sdp.length > MAX_SDP_CHARS) return `sdp longer than ${MAX_SDP_CHARS} characters`;
  // RFC 8866 §5: a session description starts with the version line; lines are printable text.
  if (!sdp.startsWith('v=0')) return 'sdp must start with "v=0"';
  if (/[^\x20-\x7e\r\n\t]/.test(sdp)) return 'sdp has characters outside printable ASCII';
  return null;
}

function onlyKeys(object: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(object).every((key) => keys.includes(key));
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
