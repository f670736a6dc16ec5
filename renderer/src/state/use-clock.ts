import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { whenPassed } from './deadline.js';

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
 * True while the clock is before `deadline`, turning false by itself when it passes (a notice shown
 * for a while, a wait that gives up): one timer to the deadline, no ticking. Null: false.
 */
export function useBefore(deadline: number | null): boolean {
  const subscribe = useCallback((onChange: () => void) => whenPassed(deadline, onChange), [deadline]);
  return useSyncExternalStore(subscribe, () => deadline !== null && Date.now() < deadline);
}
