/**
 * Reconnect delays with jitter: after the cluster (or the site's link) comes back, 200 sites
 * must not all reconnect in the same second, so each waits a random time in the upper half of an
 * exponentially growing window ("equal jitter"), capped at `maxMs`.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random, baseMs = 500, maxMs = 30_000): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** The URL to try after `attempt` failures: the next listener of the cluster each time. */
export function urlForAttempt(urls: readonly string[], start: number, attempt: number): string {
  return urls[(start + attempt) % urls.length]!;
}
