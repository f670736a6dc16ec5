/** Last N samples of one metric, for the sparkline beside a value. Fixed size: no growth over a shift. */
export class TrendBuffer {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity = 300) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  push(ts: number, value: number): void {
    const index = (this.start + this.count) % this.capacity;
    this.times[index] = ts;
    this.values[index] = value;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Samples oldest first. */
  toArray(): { ts: number; value: number }[] {
    const out: { ts: number; value: number }[] = [];
    for (let i = 0; i < this.count; i++) {
      const index = (this.start + i) % this.capacity;
      out.push({ ts: this.times[index] ?? 0, value: this.values[index] ?? 0 });
    }
    return out;
  }

  get size(): number {
    return this.count;
  }
}
