/** Delays between restarts of a core that keeps dying, ms. */
export interface RestartBackoffPolicy {
  /** The first restart's delay: short, so one fault costs the control room well under 3 s. */
  initialMs: number;
  /** Each further restart in a row doubles the delay up to this. */
  maxMs: number;
  /** A core that ran this long before dying was healthy: the next restart is quick again. */
  healthyMs: number;
}

/** 0.5 s, 1 s, 2 s … 30 s; reset after a minute up (as systemd's restart limits and Erlang/OTP supervisors count restarts in a window). */
export const DEFAULT_RESTART_BACKOFF: RestartBackoffPolicy = { initialMs: 500, maxMs: 30_000, healthyMs: 60_000 };

/**
 * Crash-loop backoff: a fault that kills the core at once (a corrupt file, a full disk) must not
 * spin a wall PC's CPU or fill its log, yet a single fault after a long run is restarted at once.
 */
export class RestartBackoff {
  private failuresInRow = 0;

  constructor(private readonly policy: RestartBackoffPolicy = DEFAULT_RESTART_BACKOFF) {}

  /** The delay before restarting a core that ran `upMs` (0 if it never came up). */
  next(upMs: number): number {
    if (upMs >= this.policy.healthyMs) this.failuresInRow = 0;
    const delay = Math.min(this.policy.maxMs, this.policy.initialMs * 2 ** this.failuresInRow);
    this.failuresInRow++;
    return delay;
  }
}
