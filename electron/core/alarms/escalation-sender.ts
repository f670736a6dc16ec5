/**
 * The one sender that drains the escalation outbox: publishes each pending escalation with MQTT
 * QoS 1 and deletes it only when the broker acknowledges it (PUBACK, MQTT 3.1.1 §4.3.2). While
 * the broker is away it waits with exponential backoff and full jitter (so many consoles coming
 * back after one broker outage do not retry in step), and tries again soon after the broker is
 * back. A duplicate on the wire is possible with QoS 1 (a PUBACK lost with the connection):
 * every escalation carries its `id` so receivers drop repeats.
 */
import type { Logger } from '../log/logger.js';
import type { EscalationOutbox } from './escalation-outbox.js';

/** Publishes with QoS 1; resolves on the broker's PUBACK, rejects when not connected or refused. */
export type AckedPublish = (topic: string, payload: string) => Promise<void>;

export interface EscalationSenderOptions {
  /** First retry delay after a failure, ms (doubled per failure up to `maxDelayMs`). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** No PUBACK in this long counts as a failure (the escalation stays and is sent again). */
  ackTimeoutMs?: number;
  /** Delay after the broker reconnects before draining, ms (0…this, random). */
  reconnectJitterMs?: number;
  random?: () => number;
}

export class EscalationSender {
  private timer: NodeJS.Timeout | null = null;
  private draining = false;
  private failures = 0;
  private stopped = true;
  private readonly o: Required<EscalationSenderOptions>;

  constructor(
    private readonly outbox: EscalationOutbox,
    private readonly publish: AckedPublish,
    private readonly log: Logger,
    options: EscalationSenderOptions = {},
  ) {
    this.o = { initialDelayMs: 1000, maxDelayMs: 60_000, ackTimeoutMs: 15_000, reconnectJitterMs: 500, random: Math.random, ...options };
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** New escalations were written: send now, unless waiting out a failure. */
  poke(): void {
    if (this.failures === 0) this.schedule(0);
  }

  /** The broker is (back) up: drain after a short random delay, whatever the backoff said. */
  brokerConnected(): void {
    this.failures = 0;
    this.schedule(Math.floor(this.o.random() * this.o.reconnectJitterMs));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, delayMs);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    if (this.draining || this.stopped) return;
    this.draining = true;
    try {
      for (;;) {
        const [next] = this.outbox.due(Date.now(), 1);
        if (!next || this.stopped) return;
        try {
          await withTimeout(this.publish(next.topic, next.payload), this.o.ackTimeoutMs);
        } catch (error) {
          const reason = (error as Error).message ?? String(error);
          this.outbox.failed(next.id, reason);
          this.failures++;
          const delay = this.backoffMs();
          if (this.failures === 1) this.log.warn('escalation not acknowledged by the broker; kept in the outbox', { id: next.id, reason, retryInMs: delay });
          this.schedule(delay);
          return;
        }
        this.outbox.delivered(next.id);
        if (this.failures > 0) this.log.info('escalations flowing again', { after: this.failures });
        this.failures = 0;
      }
    } catch (error) {
      // The database closed under us (shutdown): the rows stay for the next start.
      this.log.warn('escalation outbox not drained', { error });
    } finally {
      this.draining = false;
    }
  }

  /** Full jitter: a random delay up to the exponential bound. */
  private backoffMs(): number {
    const bound = Math.min(this.o.maxDelayMs, this.o.initialDelayMs * 2 ** Math.min(this.failures - 1, 20));
    return Math.max(100, Math.floor(this.o.random() * bound));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no PUBACK within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
