// Pure timer logic (no React), so tests under Node import it without the React type globals.

/**
 * Calls `onPassed` once the clock has reached `deadline` (ms since the epoch), re-arming when a
 * timer fires a little early; returns the cancel function. No deadline: never calls.
 */
export function whenPassed(deadline: number | null, onPassed: () => void, now: () => number = Date.now): () => void {
  if (deadline === null) return () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    const left = deadline - now();
    if (left <= 0) return onPassed();
    timer = setTimeout(arm, left);
  };
  arm();
  return () => clearTimeout(timer);
}
