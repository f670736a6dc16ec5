/**
 * When the core gives up on one ffmpeg run, as a pure rule the run's watchdog applies twice a
 * second.
 *
 * - Before the first byte on ffmpeg's stdout: ffmpeg's own RTSP socket timeout (`-timeout`) is the
 *   first judge of a dead camera; it ends the process after that long without a byte on the
 *   socket. The core only backs it up, for a connection that trickles bytes but never yields video,
 *   and it allows three socket timeouts for that (15 s by default). A start has to get through
 *   DESCRIBE, SETUP, PLAY, probing and the first keyframe, and with 32 cameras starting on a busy
 *   two-core machine that took over 7 s: the old limit (socket timeout + 2 s) killed streams that
 *   were merely slow, and every restart was one more RTSP session storming the camera.
 * - After the first byte: no byte for `dataTimeoutMs` means the camera stalled ('stalled': the picture froze, the tile says 画面停滞).
 *
 * A stream waiting for a start slot (start-gate.ts) has no run yet, so no clock runs for it.
 */
export type WatchdogVerdict = 'ok' | 'timed out' | 'stalled';

export interface WatchdogClock {
  /** When the run was spawned, ms. */
  startedAt: number;
  /** When the last byte came from ffmpeg's stdout, ms; undefined before the first one. */
  lastDataAt: number | undefined;
  now: number;
}

export interface WatchdogLimits {
  /** Longest silence on stdout once data has flowed, ms. */
  dataTimeoutMs: number;
  /** ffmpeg's own RTSP socket timeout, ms. */
  socketTimeoutMs: number;
}

/** How long a run may go without its first byte, ms: never less than the data timeout. */
export function startTimeoutMs(limits: WatchdogLimits): number {
  return Math.max(limits.dataTimeoutMs, 3 * limits.socketTimeoutMs);
}

export function watchdogVerdict(clock: WatchdogClock, limits: WatchdogLimits): WatchdogVerdict {
  if (clock.lastDataAt === undefined) return clock.now - clock.startedAt > startTimeoutMs(limits) ? 'timed out' : 'ok';
  return clock.now - clock.lastDataAt > limits.dataTimeoutMs ? 'stalled' : 'ok';
}
