/**
 * Camera-to-screen lag from frame stamps: the pure part (sample buffer, auto-detection, rate
 * limit, statistics), kept apart from the DOM reader in stamp-reader.ts so it can be tested
 * without a browser. The stamp itself is defined in electron/common/frame-stamp.ts.
 */

/** Decoded stamps further than this from the page's clock are not a lag (another clock, a misread). */
export const PLAUSIBLE_LAG_MS = { min: -1_000, max: 60_000 };

/**
 * A bounded ring of lag samples, ms: the newest `capacity` are kept, so a reader left running over
 * a twelve-hour shift holds a fixed amount of memory.
 */
export class LagSamples {
  private readonly ring: Float64Array;
  private next = 0;
  private count = 0;

  constructor(readonly capacity = 600) {
    this.ring = new Float64Array(Math.max(1, Math.floor(capacity)));
  }

  get length(): number {
    return this.count;
  }

  push(lagMs: number): void {
    this.ring[this.next] = lagMs;
    this.next = (this.next + 1) % this.ring.length;
    this.count = Math.min(this.count + 1, this.ring.length);
  }

  /** The newest `n` samples (all by default), oldest first. */
  newest(n = this.count): number[] {
    const take = Math.min(n, this.count);
    const out: number[] = [];
    for (let i = take; i > 0; i--) out.push(this.ring[(this.next - i + this.ring.length) % this.ring.length]!);
    return out;
  }

  /** Empties the ring and returns what it held, oldest first (the bench drains it once a minute). */
  drain(): number[] {
    const out = this.newest();
    this.count = 0;
    this.next = 0;
    return out;
  }
}

/**
 * Whether the camera stamps its frames: `required` consecutive reads with a valid check say yes
 * (one lucky read of a pattern that happens to pass the 8-bit check does not); `lostAfter`
 * consecutive misses say no again (the camera was swapped, the stream now comes from elsewhere).
 */
export class StampDetector {
  private hits = 0;
  private misses = 0;
  stamped = false;

  constructor(
    readonly required = 5,
    readonly lostAfter = 25,
  ) {}

  /** Records one read; returns whether the camera counts as stamping now. */
  record(decoded: boolean): boolean {
    if (decoded) {
      this.hits++;
      this.misses = 0;
      if (this.hits >= this.required) this.stamped = true;
    } else {
      this.misses++;
      this.hits = 0;
      if (this.misses >= this.lostAfter) this.stamped = false;
    }
    return this.stamped;
  }

  /** Consecutive misses so far (the reader slows down on a camera that does not stamp). */
  get missStreak(): number {
    return this.misses;
  }
}

/**
 * Lag of a frame shown at `shownAtMs` (wall clock, ms) that the camera stamped `stampMs`, or null
 * when the two clocks cannot be the same one (see PLAUSIBLE_LAG_MS).
 */
export function lagFromStamp(stampMs: number | null, shownAtMs: number): number | null {
  if (stampMs === null) return null;
  const lag = shownAtMs - stampMs;
  return lag >= PLAUSIBLE_LAG_MS.min && lag <= PLAUSIBLE_LAG_MS.max ? lag : null;
}

/**
 * Whether a read is due: at most one per `minIntervalMs`, and one per `idleIntervalMs` while the
 * stamp keeps failing (a camera that does not stamp then costs one small read every few seconds).
 */
export function readDue(nowMs: number, lastReadMs: number, minIntervalMs: number, missStreak = 0, idleIntervalMs = 2_000, idleAfterMisses = 25): boolean {
  const interval = missStreak >= idleAfterMisses ? Math.max(minIntervalMs, idleIntervalMs) : minIntervalMs;
  return nowMs - lastReadMs >= interval;
}

/** The `p`-th percentile (0–100, nearest rank) of `values`; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Median (the 50th percentile, nearest rank). */
export function medianOf(values: readonly number[]): number {
  return percentile(values, 50);
}
