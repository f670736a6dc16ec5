import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenPassed } from '../../../renderer/src/state/deadline.js';

describe('whenPassed (the deadline behind useBefore)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls once the deadline has passed, not before', () => {
    vi.useFakeTimers({ now: 1_000 });
    const passed = vi.fn();
    whenPassed(61_000, passed);
    vi.advanceTimersByTime(59_999);
    expect(passed).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(passed).toHaveBeenCalledTimes(1);
  });

  it('waits again when the timer fires before the clock reaches the deadline', () => {
    vi.useFakeTimers({ now: 0 });
    let clock = 0;
    const passed = vi.fn();
    // A clock that lags the timers by 5 ms: the first timer fires "early".
    whenPassed(100, passed, () => clock);
    clock = 95;
    vi.advanceTimersByTime(100);
    expect(passed).not.toHaveBeenCalled();
    clock = 100;
    vi.advanceTimersByTime(5);
    expect(passed).toHaveBeenCalledTimes(1);
  });

  it('calls at once for a deadline already past, never without one, and not after cancel', () => {
    vi.useFakeTimers({ now: 5_000 });
    const past = vi.fn();
    whenPassed(4_000, past);
    expect(past).toHaveBeenCalledTimes(1);

    const none = vi.fn();
    whenPassed(null, none);
    const cancelled = vi.fn();
    const cancel = whenPassed(6_000, cancelled);
    cancel();
    vi.advanceTimersByTime(10_000);
    expect(none).not.toHaveBeenCalled();
    expect(cancelled).not.toHaveBeenCalled();
  });
});
