import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

/**
 * The time, read outside render: a component must render the same output for the same props and
 * state (React's rules of purity), so "now" is state that a timer moves on, never `Date.now()` in
 * the component body.
 */
export function useNow(periodMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
  return now;
}

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

/**
 * True while the clock is before `deadline`, turning false by itself when it passes (a notice shown
 * for a while, a wait that gives up): one timer to the deadline, no ticking. Null: false.
 */
export function useBefore(deadline: number | null): boolean {
  const subscribe = useCallback((onChange: () => void) => whenPassed(deadline, onChange), [deadline]);
  return useSyncExternalStore(subscribe, () => deadline !== null && Date.now() < deadline);
}
