/** Exponential reconnect delay: 1 s, 2 s, 4 s … capped at 30 s, reset after a good connection. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs = 1000,
    private readonly maxMs = 30_000,
  ) {}

  next(): number {
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }
}
