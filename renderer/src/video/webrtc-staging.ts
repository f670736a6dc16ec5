import { isVideoPath, type VideoPath } from '../../../electron/common/video-path.js';

/**
 * Which path a tile plays its camera over, and why (the tile shows both). The staged fallback of
 * Frigate's LivePlayer: WebRTC (lowest latency) → MSE (fMP4 remux) → transcode (the core's H.264
 * for codecs the browser cannot decode). Pure, so the rule is tested without a browser.
 */
export interface PathChoice {
  path: VideoPath;
  /** Why this path, as an i18n key under `videoPath.why`. */
  why: PathWhy;
  /** The failure that moved the tile here, in the player's or the core's words. */
  detail?: string;
}

export type PathWhy =
  /** First choice: nothing has failed. */
  | 'best'
  /** `?videoPath=` in the page's URL forces it. */
  | 'forced'
  /** This browser has no RTCPeerConnection. */
  | 'noWebRtc'
  /** WebRTC failed before a frame showed (no connection, no picture in time, the core said no). */
  | 'webrtcFailed'
  /** WebRTC kept failing after it had played. */
  | 'webrtcUnstable'
  /** WebRTC played, then dropped: trying it again. */
  | 'webrtcRetry'
  /** MSE cannot decode the camera's codec: the core transcodes. */
  | 'codecUnsupported';

/** A player's failure as the staging rule sees it. */
export interface PathFailure {
  /** Whether the failed attempt had shown frames (a drop after playing, not a path that never worked). */
  hadFrames: boolean;
  /** `codec`: MSE cannot play the camera's codec; `other`: anything else. */
  kind: 'codec' | 'other';
  detail: string;
}

/** WebRTC drops after playing that are retried before the tile settles on MSE. */
export const WEBRTC_RETRIES_AFTER_PLAYING = 2;

/** The forced path from the page's query string (`?videoPath=webrtc|mse|fallback`), if any. */
export function forcedPath(search: string): VideoPath | null {
  const value = new URLSearchParams(search).get('videoPath');
  return isVideoPath(value) ? value : null;
}

export function firstPath(forced: VideoPath | null, hasWebRtc: boolean): PathChoice {
  if (forced) return { path: forced, why: 'forced' };
  return hasWebRtc ? { path: 'webrtc', why: 'best' } : { path: 'mse', why: 'noWebRtc' };
}

/**
 * The path after `current` failed. `dropsAfterPlaying` counts earlier WebRTC failures of this tile
 * that came after frames had shown. A forced path is retried as it is (the bench wants that path
 * or nothing); MSE's own fallback to the transcode is a stage too.
 */
export function nextPath(current: PathChoice, failure: PathFailure, forced: VideoPath | null, dropsAfterPlaying: number): PathChoice {
  if (forced) return { path: forced, why: 'forced', detail: failure.detail };
  if (current.path === 'webrtc') {
    if (!failure.hadFrames) return { path: 'mse', why: 'webrtcFailed', detail: failure.detail };
    if (dropsAfterPlaying < WEBRTC_RETRIES_AFTER_PLAYING) return { path: 'webrtc', why: 'webrtcRetry', detail: failure.detail };
    return { path: 'mse', why: 'webrtcUnstable', detail: failure.detail };
  }
  if (current.path === 'mse' && failure.kind === 'codec') return { path: 'fallback', why: 'codecUnsupported', detail: failure.detail };
  return current;
}
