import type { OfflineReason } from './stderr-reason.js';

/** The init segment (ftyp+moov) of one ffmpeg run. A new run (after a restart) has a new one. */
export interface LiveInit {
  kind: 'init';
  data: Buffer;
  /** MSE codec string for `MediaSource.addSourceBuffer('video/mp4; codecs="…"')`. */
  codec: string;
  width: number;
  height: number;
  /** Counts ffmpeg runs of this stream; media segments carry the generation of their init. */
  generation: number;
}

/** One moof+mdat of a live stream. */
export interface LiveFragment {
  kind: 'media';
  data: Buffer;
  /** Starts with a sync sample: a decoder (or a late joiner) can begin here. */
  keyframe: boolean;
  /** Frames in the fragment. */
  samples: number;
  /** Media duration, s. */
  durationSec: number;
  /** When the core received it, UTC epoch ms. */
  receivedAt: number;
  generation: number;
}

export type VideoSegment = LiveInit | LiveFragment;

/**
 * Stream state as the console shows it. 'idle' means nobody watches and ffmpeg is deliberately
 * not running, which an operator must not mistake for a camera fault ('offline').
 */
export type StreamState = 'idle' | 'starting' | 'live' | 'offline';

export interface StreamStatus {
  /** The camera URL with its password masked. */
  label: string;
  state: StreamState;
  /** When `state` last changed, UTC epoch ms. */
  since: number;
  /** Why the stream is offline (set only when offline). */
  reason?: OfflineReason;
  /** ffmpeg's last error line, credentials masked, for the diagnostics screen. */
  detail?: string;
  /** Frames per second over the last few seconds of fragments. */
  fps?: number;
  /** Video bitrate over the last few seconds, kbit/s. */
  bitrateKbps?: number;
  codec?: string;
  width?: number;
  height?: number;
  subscribers: number;
  /** ffmpeg runs that ended unexpectedly since the stream was first requested. */
  restarts: number;
  /** Fragments dropped for slow subscribers, summed over current subscribers. */
  droppedFragments: number;
}
