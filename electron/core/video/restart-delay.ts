/**
 * How long a camera stream waits before ffmpeg is started again after a run ended.
 *
 * Exponential, as before (1 s, 2 s, 4 s … 30 s), but with "equal jitter": the delay is half the
 * exponential step plus a random share of the other half. Without jitter, 32 cameras that fail
 * together (one camera server stalling all its clients, a switch rebooting) retry in lockstep and
 * hit the camera with 32 RTSP sessions in the same instant, which is what stalled the shared test
 * camera and kept the whole wall offline. Equal jitter keeps a floor (never a retry storm at 0 ms)
 * while spreading the retries over the upper half of each step; see "Exponential Backoff And
 * Jitter", AWS Architecture Blog, 2015, and RFC 8085 §3.1.3 on randomised retransmission timers.
 */
export interface RestartDelayPolicy {
  /** The first step, ms. */
  initialMs: number;
  /** The cap on a step, ms. */
  maxMs: number;
}

export const DEFAULT_RESTART_DELAY: RestartDelayPolicy = { initialMs: 1_000, maxMs: 30_000 };

/**
 * The delay before restart number `attempt` (0 for the first restart after a good run), given a
 * random number in [0, 1): step = min(max, initial × 2^attempt), delay = step/2 + random × step/2.
 */
export function restartDelayMs(attempt: number, random: number, policy: RestartDelayPolicy = DEFAULT_RESTART_DELAY): number {
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  const share = Math.min(Math.max(random, 0), 1);
  return Math.round(step / 2 + share * (step / 2));
}

/** What a stream supervisor needs of a backoff: the next delay, and a reset after a good run. */
export interface RestartDelays {
  next(): number;
  reset(): void;
}

/** `restartDelayMs` with the attempt counted: reset after the stream was live again. */
export class JitteredRestartDelay implements RestartDelays {
  private attempt = 0;

  constructor(
    private readonly policy: RestartDelayPolicy = DEFAULT_RESTART_DELAY,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const delay = restartDelayMs(this.attempt, this.random(), this.policy);
    this.attempt = Math.min(this.attempt + 1, 30);
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }
}
