/**
 * Reconnect delays for the video socket: 0.5 s, 1 s, 2 s … capped at 10 s, with ±20 % jitter so a
 * wall of 16 tiles does not hammer a restarting core in lockstep.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, attempt));
  const jitter = 1 + (random() * 0.4 - 0.2);
  return Math.round(base * jitter);
}

/** Close codes after which reconnecting cannot help (see electron/core/api/video-socket.ts). */
export const FINAL_CLOSE_CODES: Readonly<Record<number, 'unauthorized' | 'unknown-camera'>> = {
  4401: 'unauthorized',
  4404: 'unknown-camera',
};
