/**
 * Long jobs the core makes one at a time (reports, data packages): a bounded queue behind the
 * running one — more are refused, so a burst of requests cannot pile up work or memory — and each
 * waiting or running job's live progress kept in memory beside its record in SQLite. The record
 * and how a job is made belong to the caller; this is only the queue.
 */
export interface SerialJobsOptions<L> {
  /** Jobs waiting behind the running one; a submit beyond it throws `full(waiting)`. */
  maxWaiting: number;
  full: (waiting: number) => Error;
  /** Makes one job; a rejection is the caller's to record (it should not throw). */
  run: (id: string, live: L) => Promise<void>;
  /** Told when a job's state or live progress changed (also after it ends, its live part gone). */
  changed: (id: string) => void;
}

export class SerialJobs<L> {
  private readonly queue: string[] = [];
  private readonly live = new Map<string, L>();
  private running: Promise<void> | null = null;

  constructor(private readonly o: SerialJobsOptions<L>) {}

  /** Queues job `id` after `record()` stores it (not called when the queue is full). */
  submit(id: string, live: L, record: () => void): void {
    if (this.queue.length >= this.o.maxWaiting) throw this.o.full(this.queue.length);
    record();
    this.queue.push(id);
    this.live.set(id, live);
    this.o.changed(id);
    // Started on the next turn, so the caller sees the job queued first.
    this.running ??= Promise.resolve().then(() => this.pump());
  }

  /** The live progress of a waiting or running job; undefined once it has ended. */
  liveOf(id: string): L | undefined {
    return this.live.get(id);
  }

  /** Resolves when nothing is queued or being made (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async pump(): Promise<void> {
    for (let id = this.queue.shift(); id; id = this.queue.shift()) {
      try {
        await this.o.run(id, this.live.get(id)!);
      } finally {
        this.live.delete(id);
        this.o.changed(id);
      }
    }
    this.running = null;
  }
}
