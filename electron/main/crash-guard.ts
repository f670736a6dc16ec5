/**
 * Decides whether a crashed renderer is reloaded: yes, unless it crashed `maxCrashes` times within
 * `windowMs` (a crash loop would hide the real problem and spin the CPU of a wall PC).
 */
export class CrashReloadGuard {
  private crashes: number[] = [];

  constructor(
    private readonly maxCrashes = 5,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  shouldReload(reason: string): boolean {
    if (reason === 'clean-exit') return false;
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.windowMs);
    this.crashes.push(t);
    return this.crashes.length <= this.maxCrashes;
  }
}
