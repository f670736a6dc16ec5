/**
 * A bounded FIFO worked one item at a time. Panorama tiling is CPU-heavy and these machines have
 * two cores shared with the rest of the core; one at a time keeps telemetry and video responsive.
 * `capacity` bounds memory (each waiting item holds a file's bytes); a full queue refuses instead
 * of growing, and the sender retries later (the inbox keeps the file; an upload gets 429).
 */
export class ProcessingQueue<T, R> {
  private readonly waiting: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running: T | null = null;
  /** Items in the current batch (since the queue was last empty), for "processing 3/5". */
  private batchTotal = 0;
  private batchIndex = 0;

  constructor(
    readonly capacity: number,
    private readonly work: (item: T, position: { index: number; total: number }) => Promise<R>,
  ) {}

  get length(): number {
    return this.waiting.length;
  }

  get current(): T | null {
    return this.running;
  }

  /** Batch position a newly queued item will have. */
  get batch(): { index: number; total: number } {
    return { index: this.batchIndex, total: this.batchTotal };
  }

  /** Queues an item; null when the queue is full. */
  push(item: T): Promise<R> | null {
    if (this.waiting.length >= this.capacity) return null;
    const done = new Promise<R>((resolve, reject) => this.waiting.push({ item, resolve, reject }));
    this.batchTotal++;
    void this.pump();
    return done;
  }

  private async pump(): Promise<void> {
    if (this.running !== null) return;
    const next = this.waiting.shift();
    if (!next) {
      this.batchTotal = 0;
      this.batchIndex = 0;
      return;
    }
    this.running = next.item;
    this.batchIndex++;
    try {
      next.resolve(await this.work(next.item, { index: this.batchIndex, total: this.batchTotal }));
    } catch (error) {
      next.reject(error);
    } finally {
      this.running = null;
      void this.pump();
    }
  }
}
