/**
 * Delay before the live socket's next reconnection attempt, ms: 250 ms growing by half each time
 * to 15 s, ±20 % jitter so a room of wall screens does not knock in step ("Exponential Backoff
 * And Jitter", AWS Architecture Blog, 2015). Short at first because the usual cause is a core
 * restart that takes a second or two; a refused connection costs the core nothing.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 250 * 1.5 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}
