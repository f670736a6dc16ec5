/**
 * A bound on how many camera streams are starting at once.
 *
 * A start is the costly, bursty part of a stream's life: ffmpeg loads (tens of ms of CPU), and the
 * camera sets up an RTSP session (DESCRIBE, SETUP, PLAY) and, for a camera that shares one encode
 * between clients, adds a client to a running pipeline. Measured here with the GStreamer test
 * camera at 1080p25: 32 plain `ffmpeg -c copy` clients opened at once got no frame in 30 s (the
 * camera's shared pipeline stalled, its CPU near zero), while 8 at once came up within seconds.
 * A wall opening 32 tiles, or 32 streams retrying after the same outage, must therefore queue.
 *
 * A stream holds its slot from spawning ffmpeg until its first media fragment (it is live) or
 * until the run ends; the run's watchdog (run-watchdog.ts) bounds how long that can be. Waiting
 * streams are served first come, first served, so none starves.
 */
export const DEFAULT_CONCURRENT_STARTS = 4;

/** A place in the gate's queue: `release` gives the slot back (or leaves the queue); idempotent. */
export interface StartTicket {
  release(): void;
}

export class StartGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number = DEFAULT_CONCURRENT_STARTS) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`start gate limit must be a whole number ≥ 1, not ${limit}`);
  }

  /** Starts now taking place. */
  get starting(): number {
    return this.running;
  }

  /** Streams waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Asks for a slot: `onGranted` runs at once when one is free, otherwise when a slot is released
   * (synchronously, inside that `release`). Releasing the ticket before it is granted leaves the
   * queue; after, it frees the slot for the next in line.
   */
  enter(onGranted: () => void): StartTicket {
    let state: 'waiting' | 'granted' | 'released' = 'waiting';
    const grant = (): void => {
      state = 'granted';
      this.running++;
      onGranted();
    };
    if (this.running < this.limit) grant();
    else this.waiting.push(grant);
    return {
      release: () => {
        if (state === 'released') return;
        const was = state;
        state = 'released';
        if (was === 'waiting') {
          const at = this.waiting.indexOf(grant);
          if (at >= 0) this.waiting.splice(at, 1);
          return;
        }
        this.running--;
        const next = this.waiting.shift();
        if (next) next();
      },
    };
  }
}

/**
 * The gate every stream of this core shares unless given another: the bound is about one machine's
 * CPU and the cameras behind one switch, not about one camera.
 */
export const sharedStartGate = new StartGate();
