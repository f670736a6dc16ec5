/**
 * Keeping an MSE player at the live edge. Pure functions over numbers so they can be tested
 * without a browser.
 *
 * go2rtc's MSE player (video-rtc.js) sets `playbackRate = buffered.end − currentTime` on every
 * append, which settles where the rate is 1.0, i.e. about 1 s behind the newest frame — its
 * reported ~1 s MSE lag. We keep the same idea (a rate in proportion to the lag, a jump when far
 * behind, a short buffer) around a much shorter target: the core cuts a fragment every ~100 ms, so
 * the newest frame arrives in 100-ms steps and a buffer of ~0.15 s is enough to play without
 * running dry, while every 0.1 s of buffer is 0.1 s of camera-to-screen lag. Measured with
 * bench/video-lag.bench.mjs (camera stamps decoded on the frames Chromium presents).
 *
 *   lag = newest buffered frame − play head
 *   lag > SEEK_LAG_S, or play head outside the newest range  → seek to newest − TARGET_LAG_S
 *   |lag − TARGET_LAG_S| ≤ DEAD_BAND_S                        → 1.0×
 *   otherwise                                                 → 1 + GAIN·(lag − TARGET_LAG_S), within [MIN_RATE, MAX_RATE]
 */

/** Buffer the player aims to hold behind the newest frame, s: about one fragment and a half. */
export const TARGET_LAG_S = 0.15;
/** Around the target the player plays at 1.0× (the 100-ms fragment steps alone move the lag this much). */
export const DEAD_BAND_S = 0.05;
/** Rate change per second of error: a 0.5-s excess is played off at 1.35×, decaying with a ~1-s time constant. */
export const GAIN = 1;
/** Fastest catch-up rate; 1.5× is still watchable for site footage. */
export const MAX_RATE = 1.5;
/** Slowest rate, when the buffer runs short: a little slower beats a stall (Chromium refills several frames after one). */
export const MIN_RATE = 0.9;
/** Lag above which playing faster would take too long and the player seeks, s. */
export const SEEK_LAG_S = 1.5;
/** Media kept behind the play head, s (enough to look back a moment, bounded over a 12-hour shift). */
export const KEEP_BEHIND_S = 10;
/** Trim only when this much more than KEEP_BEHIND_S has piled up, so `remove()` runs every few s, not every frame. */
export const TRIM_SLACK_S = 5;

/** A buffered time range, s. */
export interface TimeRange {
  start: number;
  end: number;
}

/** What the player should do now: a playback rate, and a time to seek to if one is needed. */
export interface EdgeDecision {
  rate: number;
  seekTo?: number;
  /** Lag behind the newest buffered frame, s (NaN when nothing is buffered). */
  lagS: number;
}

/**
 * The catch-up rule. `ranges` are the video's buffered ranges in order; the live edge is the end of
 * the last one. After a stream restart or a dropped burst the play head may sit in an old range or
 * a gap: it then jumps into the newest range. `currentRate` is unused by the rule itself (kept so
 * callers pass what they have); the rate is a function of the lag alone, so it cannot wind up.
 */
export function decideLiveEdge(ranges: readonly TimeRange[], currentTime: number, _currentRate = 1): EdgeDecision {
  const last = ranges[ranges.length - 1];
  if (!last) return { rate: 1, lagS: Number.NaN };
  const lagS = last.end - currentTime;
  const inLast = currentTime >= last.start - 0.05 && currentTime <= last.end + 0.05;
  if (!inLast || lagS > SEEK_LAG_S) {
    return { rate: 1, seekTo: Math.max(last.start, last.end - TARGET_LAG_S), lagS };
  }
  const error = lagS - TARGET_LAG_S;
  if (Math.abs(error) <= DEAD_BAND_S) return { rate: 1, lagS };
  // Steps of 0.05 so the rate is not rewritten on every tick for a few ms of jitter.
  const rate = Math.min(MAX_RATE, Math.max(MIN_RATE, Math.round((1 + GAIN * error) * 20) / 20));
  return { rate, lagS };
}

/** The range to remove behind the play head, or null when the buffer is small enough. */
export function trimRange(ranges: readonly TimeRange[], currentTime: number): TimeRange | null {
  const first = ranges[0];
  if (!first) return null;
  const keepFrom = currentTime - KEEP_BEHIND_S;
  if (keepFrom - first.start < TRIM_SLACK_S) return null;
  return { start: first.start, end: keepFrom };
}

/** Converts a `TimeRanges` object into plain ranges. */
export function rangesOf(buffered: { length: number; start(i: number): number; end(i: number): number }): TimeRange[] {
  const out: TimeRange[] = [];
  for (let i = 0; i < buffered.length; i++) out.push({ start: buffered.start(i), end: buffered.end(i) });
  return out;
}

/** Data later than the best of the recent past by this much, s, means it waited in a queue on the way. */
export const BACKLOG_S = 2;
/** …for this many consecutive ticks, 2 s (a main-thread stall, or a camera that sends a late burst itself, is not a queue to drop). */
export const BACKLOG_TICKS = 8;
/**
 * How far back the best (earliest) arrival is remembered, s. Short, because a camera's media clock
 * need not keep pace with ours: measured here, a camera starved of CPU (load 30 on two cores)
 * stamps media time by frame count and falls ~10 % behind the wall clock, which over a 30-s window
 * looked like a 3-s backlog and made the player reconnect 14 times a minute for nothing. Over 10 s
 * such drift stays under 1 s, below BACKLOG_S.
 */
export const ARRIVAL_WINDOW_S = 10;

/**
 * How late the stream's data reaches the SourceBuffer compared with the best of the last
 * ARRIVAL_WINDOW_S. The buffer gap alone cannot see lag that sits *before* the SourceBuffer: a
 * loopback TCP socket buffers several MB (seconds of a 4 Mbit/s camera) when the page reads
 * slowly, and the append queue holds more. Each tick records (wall clock − newest buffered media
 * time); a camera's media clock runs with real time, so that offset is constant while nothing
 * queues, and its rise above the window's minimum is the time the data spent queued.
 */
export class ArrivalDelay {
  private readonly samples: { at: number; offset: number }[] = [];
  private lateTicks = 0;

  /** Records one tick; returns the delay above the recent best, s. */
  record(wallS: number, newestMediaS: number): number {
    const offset = wallS - newestMediaS;
    while (this.samples.length && this.samples[0]!.at < wallS - ARRIVAL_WINDOW_S) this.samples.shift();
    // Bounded: one sample per tick over the window (ticks are ≥ 0.1 s apart in practice; cap anyway).
    if (this.samples.length >= 1_000) this.samples.shift();
    this.samples.push({ at: wallS, offset });
    const best = this.samples.reduce((m, s) => Math.min(m, s.offset), Number.POSITIVE_INFINITY);
    const delay = offset - best;
    this.lateTicks = delay > BACKLOG_S ? this.lateTicks + 1 : 0;
    return delay;
  }

  /** Whether the data has been late long enough that the queue behind it should be dropped. */
  get backlogged(): boolean {
    return this.lateTicks >= BACKLOG_TICKS;
  }

  /** A new media timeline (new ffmpeg run) or a dropped backlog: start over. */
  reset(): void {
    this.samples.length = 0;
    this.lateTicks = 0;
  }
}
