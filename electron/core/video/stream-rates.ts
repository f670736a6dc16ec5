import type { LiveFragment } from './video-types.js';

/** Frames per second and video bitrate of a live stream, as its status shows them. */
export interface StreamRateFigures {
  /** Frames per second of media time over the window. */
  fps?: number;
  /** kbit/s of fMP4 bytes (moof + mdat) per second of media time. */
  bitrateKbps?: number;
}

/**
 * The last few seconds of a stream's fragments, for its frame rate and bitrate. Every viewer's
 * socket asks for its stream's status once a second, so asking costs only the fragments inside
 * the window, walked from the newest back (about 30 at 100 ms fragments), not the whole history.
 */
export class StreamRates {
  private recent: Array<Pick<LiveFragment, 'samples' | 'durationSec' | 'receivedAt'> & { bytes: number }> = [];

  constructor(
    /** Window the figures cover, ms. */
    private readonly windowMs = 3_000,
    /** Fragments kept at most (a flood of tiny fragments must not grow memory). */
    private readonly maxKept = 200,
  ) {}

  clear(): void {
    this.recent = [];
  }

  push(fragment: LiveFragment): void {
    this.recent.push({ samples: fragment.samples, durationSec: fragment.durationSec, receivedAt: fragment.receivedAt, bytes: fragment.data.length });
    // Trim in batches: one splice per `maxKept` pushes rather than one per push.
    if (this.recent.length >= 2 * this.maxKept) this.recent.splice(0, this.recent.length - this.maxKept);
  }

  /** Figures over fragments received within the window before `now`; empty when there are none. */
  figures(now: number): StreamRateFigures {
    const cutoff = now - this.windowMs;
    let samples = 0;
    let bytes = 0;
    let seconds = 0;
    for (let i = this.recent.length - 1, kept = 0; i >= 0 && kept < this.maxKept; i--, kept++) {
      const fragment = this.recent[i]!;
      if (fragment.receivedAt < cutoff) break;
      samples += fragment.samples;
      bytes += fragment.bytes;
      seconds += fragment.durationSec;
    }
    if (seconds <= 0) return {};
    return { fps: Math.round((samples / seconds) * 10) / 10, bitrateKbps: Math.round((bytes * 8) / seconds / 1000) };
  }
}
