/**
 * Sends queued downlink messages (authority_downlink) to each site's topic with MQTT QoS 1
 * through the cluster's MQTT listener. The broker keeps a QoS 1 message for a site's persistent
 * session (clean session off) while the site is offline, and delivers it when the site
 * reconnects — but only for a session that exists: a site that has never connected has none, and
 * the broker PUBACKs and drops the message. So a message is done when the SITE confirms it
 * (its `notice-receipt`, authority/downlink-receipts.ts), not on the PUBACK: one not yet PUBACKed
 * is sent again on reconnect and every few seconds; one PUBACKed but unconfirmed is sent again
 * after 30 s doubling to an hour, and at once when its site is heard from (`siteHeard`: the site
 * is connected, so its subscription exists). The site applies each messageId once.
 */
import mqtt from 'mqtt';
import type pg from 'pg';
import { downlinkTopic } from '../../common/supervision.js';
import { appendAudit } from './audit.js';

const RESEND_EVERY_MS = 2_000;
const BATCH = 200;
/** A message sent this recently is not sent again when its site is heard from (it is on its way). */
const HEARD_RESEND_AFTER_S = 3;

export interface DownlinkSenderOptions {
  pool: pg.Pool;
  urls: string[];
  username?: string;
  password?: string;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export class DownlinkSender {
  private readonly client: mqtt.MqttClient | null;
  private readonly inFlight = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private closed = false;
  /** Sites heard from since the last pass: their unconfirmed messages go again now. */
  private readonly heard = new Set<string>();

  constructor(private readonly o: DownlinkSenderOptions) {
    const [first] = o.urls;
    if (!first) {
      o.log('warn', 'no MQTT URL for the downlink: notices are stored and wait until one is configured');
      this.client = null;
      return;
    }
    const servers = o.urls.map((u) => {
      const url = new URL(u);
      return { host: url.hostname, port: Number(url.port || 1883) };
    });
    this.client = mqtt.connect(first, {
      servers,
      clientId: `supervision-downlink-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
      clean: true,
      reconnectPeriod: 1_000,
      connectTimeout: 5_000,
      ...(o.username ? { username: o.username, password: o.password ?? '' } : {}),
    });
    this.client.on('connect', () => {
      this.inFlight.clear();
      this.wake();
    });
    this.client.on('error', (error) => o.log('warn', `downlink MQTT: ${error.message}`));
    this.timer = setInterval(() => this.wake(), RESEND_EVERY_MS);
    this.timer.unref();
  }

  /** A site's uplink arrived (it is connected now): its unconfirmed messages go again without waiting. */
  siteHeard(siteIds: Iterable<string>): void {
    let any = false;
    for (const id of siteIds) {
      if (this.heard.size >= 10_000) break; // bounded; the timer covers the rest
      this.heard.add(id);
      any = true;
    }
    if (any) this.wake();
  }

  /** Sends what waits now (called after a notice step commits, on connect, and on the timer). */
  wake(): void {
    if (this.closed || !this.client?.connected) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.sendPending()
      .catch((error: unknown) => this.o.log('warn', `downlink: ${(error as Error).message}`))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async sendPending(): Promise<void> {
    const heard = [...this.heard];
    this.heard.clear();
    // Not yet PUBACKed; or PUBACKed but unconfirmed by the site and due again (backoff by sends,
    // or at once for a site just heard from).
    const { rows } = await this.o.pool.query<{ message_id: string; notice_id: string; site_id: string; type: string; payload: unknown }>(
      `SELECT message_id, notice_id, site_id, type, payload FROM authority_downlink
       WHERE delivered_at IS NULL AND (
         acked_at IS NULL OR last_sent_at IS NULL
         OR last_sent_at < now() - make_interval(secs => least(3600, 30 * power(2, greatest(0, least(attempts, 8) - 1))))
         OR (site_id = ANY($2::text[]) AND last_sent_at < now() - make_interval(secs => $3)))
       ORDER BY created_at LIMIT $1`,
      [BATCH, heard, HEARD_RESEND_AFTER_S],
    );
    for (const row of rows) {
      if (this.inFlight.has(row.message_id) || !this.client) continue;
      this.inFlight.add(row.message_id);
      this.client.publish(downlinkTopic(row.site_id), JSON.stringify(row.payload), { qos: 1 }, (error) => {
        void this.settle(row, error ?? null);
      });
    }
  }

  private async settle(row: { message_id: string; notice_id: string; site_id: string; type: string }, error: Error | null): Promise<void> {
    this.inFlight.delete(row.message_id);
    try {
      if (error) {
        await this.o.pool.query('UPDATE authority_downlink SET attempts = attempts + 1, last_error = $2 WHERE message_id = $1', [row.message_id, error.message.slice(0, 300)]);
        return;
      }
      await this.o.pool.query('UPDATE authority_downlink SET attempts = attempts + 1, last_sent_at = now() WHERE message_id = $1', [row.message_id]);
      const acked = await this.o.pool.query('UPDATE authority_downlink SET acked_at = now() WHERE message_id = $1 AND acked_at IS NULL', [row.message_id]);
      if (acked.rowCount === 1) {
        await appendAudit(this.o.pool, { actor: 'platform', actorRole: 'system', action: 'downlink-acked', siteId: row.site_id, noticeId: row.notice_id, detail: { messageId: row.message_id, type: row.type } });
      }
    } catch (e) {
      if (!this.closed) this.o.log('warn', `downlink bookkeeping: ${(e as Error).message}`);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.client?.endAsync(true).catch(() => undefined);
  }
}
