import type { ConsumerMessages, JsMsg, NatsConnection } from 'nats';
import type pg from 'pg';
import { UPLINK_CONSUMER, UPLINK_STREAM, type UplinkEnvelope, type UplinkReceipt } from '../common/supervision.js';
import { ingestBatch, sampleOf, type Rejection } from './pg-ingest.js';
import type { SiteDirectory } from './site-directory.js';
import { validateUplink } from './uplink-validation.js';

/** Messages written per PostgreSQL transaction at most. */
export const INGEST_BATCH = 500;

/** Counters an instance exposes (logs, the bench). */
export interface ConsumerCounters {
  batches: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  failures: number;
}

export interface UplinkConsumerOptions {
  nc: NatsConnection;
  pool: pg.Pool;
  sites: SiteDirectory;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Called after COMMIT with the sites of the batch (the authority's downlink resends what they have not confirmed). */
  onSitesHeard?: (siteIds: string[]) => void;
}

/**
 * One instance's share of the durable pull consumer (every instance pulls from the same one: a
 * consumer group; JetStream hands each message to one of them). Messages are buffered as they come
 * (the consumer's max_ack_pending bounds the buffer), written in batches of INGEST_BATCH in one
 * transaction, and acked only after COMMIT: a crash before the ack brings a redelivery, which the
 * primary key turns into nothing. Refusals are recorded and acked too, so a bad message is never
 * redelivered forever. After COMMIT each site gets a receipt for its stored seqs.
 */
export class UplinkConsumer {
  readonly counters: ConsumerCounters = { batches: 0, inserted: 0, duplicates: 0, rejected: 0, failures: 0 };
  private buffer: JsMsg[] = [];
  private messages: ConsumerMessages | null = null;
  private pumping: Promise<void> | null = null;
  private stopped = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: UplinkConsumerOptions) {}

  start(): void {
    this.loop = this.run();
  }

  /** Stops pulling, writes and acks what is buffered, then resolves (SIGTERM). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close().catch(() => undefined);
    await this.loop?.catch(() => undefined);
    await this.drain();
  }

  private async run(): Promise<void> {
    const js = this.options.nc.jetstream();
    while (!this.stopped) {
      try {
        const consumer = await js.consumers.get(UPLINK_STREAM, UPLINK_CONSUMER);
        this.messages = await consumer.consume({
          max_messages: INGEST_BATCH * 2,
          callback: (m) => {
            this.buffer.push(m);
            void this.drain();
          },
        });
        await this.messages.closed();
      } catch (error) {
        if (!this.stopped) this.options.log('warn', `uplink consumer interrupted (${(error as Error).message}); pulling again shortly`);
      }
      if (!this.stopped) await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** Writes the buffer batch after batch; one pump at a time. */
  private drain(): Promise<void> {
    this.pumping ??= (async () => {
      try {
        while (this.buffer.length > 0) {
          const batch = this.buffer.splice(0, INGEST_BATCH);
          const ok = await this.process(batch);
          if (!ok) await new Promise((r) => setTimeout(r, 1000));
        }
      } finally {
        this.pumping = null;
      }
    })();
    return this.pumping;
  }

  private async process(batch: JsMsg[]): Promise<boolean> {
    const { sites, pool, nc, log } = this.options;
    try {
      await sites.refresh(batch.map((m) => m.subject.split('.')[2] ?? '').filter(Boolean));
      const envelopes: UplinkEnvelope<Record<string, unknown>>[] = [];
      const rejections: Rejection[] = [];
      for (const m of batch) {
        const verdict = validateUplink(m.subject, m.data, (id) => sites.isRegistered(id));
        if (verdict.ok) envelopes.push(verdict.envelope);
        else rejections.push({ subject: m.subject, siteId: verdict.siteId, reason: verdict.reason, sample: sampleOf(m.data) });
      }
      const result = await ingestBatch(pool, envelopes, rejections);
      for (const m of batch) m.ack();
      this.counters.batches += 1;
      this.counters.inserted += result.inserted;
      this.counters.duplicates += result.duplicates;
      this.counters.rejected += result.rejected;
      const bySite = new Map<string, number[]>();
      for (const e of envelopes) bySite.set(e.site, [...(bySite.get(e.site) ?? []), e.seq]);
      for (const [site, seqs] of bySite) {
        const receipt: UplinkReceipt = { v: 1, seqs };
        nc.publish(`sc.down.${site}.receipt`, JSON.stringify(receipt));
      }
      if (bySite.size > 0) this.options.onSitesHeard?.([...bySite.keys()]);
      return true;
    } catch (error) {
      // PostgreSQL away or refusing: ask for the batch again later rather than wait for ack_wait.
      this.counters.failures += 1;
      log('error', `uplink batch of ${batch.length} not written (${(error as Error).message}); it will be delivered again`);
      for (const m of batch) m.nak(2000);
      return false;
    }
  }
}
