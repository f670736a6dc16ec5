/**
 * Keeping an MSE player at the live edge. Pure functions over numbers so they can be tested
 * without a browser. MSE players drift behind live over long sessions (go2rtc's MSE player keeps
 * near live the same way: playbackRate in proportion to the lag, a jump when too far behind):
 * a little lag is caught up by playing faster (invisible to an operator), a lot by seeking.
 */

/** Target lag behind the newest buffered frame, s. Below this the player runs at 1.0×. */
export const TARGET_LAG_S = 0.3;
/** Lag above which the player speeds up, s (the wall's promise: within 0.5 s of live). */
export const CATCH_UP_LAG_S = 0.5;
/** Lag above which playing faster would take too long and the player seeks, s. */
export const SEEK_LAG_S = 2;
/** Fastest catch-up rate; 1.5× is still watchable for site footage. */
export const MAX_RATE = 1.5;
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
 * a gap: it then jumps into the newest range.
 */
export function decideLiveEdge(ranges: readonly TimeRange[], currentTime: number, currentRate: number): EdgeDecision {
  const last = ranges[ranges.length - 1];
  if (!last) return { rate: 1, lagS: Number.NaN };
  const lagS = last.end - currentTime;
  const inLast = currentTime >= last.start - 0.05 && currentTime <= last.end + 0.05;
  if (!inLast || lagS > SEEK_LAG_S) {
    return { rate: 1, seekTo: Math.max(last.start, last.end - TARGET_LAG_S), lagS };
  }
  if (lagS > CATCH_UP_LAG_S) {
    // Proportional: 0.5 s behind → 1.2×, 1.5 s behind → 1.5×.
    const rate = Math.min(MAX_RATE, 1 + (lagS - TARGET_LAG_S));
    return { rate: round2(rate), lagS };
  }
  // Hysteresis: keep catching up until back at the target, then play at 1.0×.
  if (currentRate > 1 && lagS > TARGET_LAG_S) return { rate: currentRate, lagS };
  return { rate: 1, lagS };
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

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
