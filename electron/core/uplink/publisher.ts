import mqtt, { type MqttClient } from 'mqtt';
import { downlinkTopic, receiptTopic, UPLINK_KINDS, uplinkTopic, type UplinkEnvelope, type UplinkKind } from '../../common/supervision.js';
import { reconnectDelayMs, urlForAttempt } from './backoff.js';
import type { Outbox, OutboxMessage } from './outbox.js';

/** The outbox channel the supervision uplink drains. */
export const SUPERVISION_CHANNEL = 'supervision';

export interface UplinkPublisherOptions {
  siteId: string;
  /** The cluster's MQTT listeners; the next one is tried after a failure. */
  urls: string[];
  /** The site's broker password (from the vault); the username is the site id. */
  password: string;
  outbox: Outbox;
  /** Applies a notice that came down; the PUBACK is sent once it resolves. */
  onNotice: (payload: Buffer) => Promise<void>;
  /** Called on every (re)connection: the caller enqueues a fresh summary at once. */
  onConnected?: () => void;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Messages published and not yet confirmed by a receipt, at most (default 200). */
  window?: number;
  /** A message without a receipt after this is published again (default 20 s). */
  receiptTimeoutMs?: number;
  /** First reconnect window (default 500 ms), doubled after each failure up to maxBackoffMs (default 30 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  now?: () => number;
}

/** The uplink's state for admins (electron/common/api/uplink.ts). */
export interface UplinkPublisherStatus {
  connected: boolean;
  url: string | null;
  /** Published, waiting for the service's receipt. */
  inFlight: number;
  lastError: string | null;
  lastConnectedAt: number | null;
  lastReceiptAt: number | null;
  reconnects: number;
}

interface InFlight {
  payload: string;
  topic: string;
  publishedAt: number;
}

/**
 * Drains the outbox channel 'supervision' to the cluster over MQTT QoS 1 (clientId = username =
 * site id, persistent session). At most `window` messages are out at a time; each leaves the outbox
 * (markSent) only when the service's receipt says it is in PostgreSQL — a PUBACK from NATS 2.9's MQTT
 * listener comes before JetStream has stored the message, so it is not proof enough. A message
 * without a receipt in time, or out when the connection drops, is published again with the same
 * seq; the service keeps (site, seq) once. Nothing is lost while the link is down: the outbox keeps it.
 */
export class UplinkPublisher {
  private client: MqttClient | null = null;
  private connected = false;
  private stopped = true;
  private readonly inFlight = new Map<number, InFlight>();
  private cursor = 0;
  private attempt = 0;
  private readonly firstUrl: number;
  private currentUrl: string | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private tick: NodeJS.Timeout | null = null;
  private lastError: string | null = null;
  private lastConnectedAt: number | null = null;
  private lastReceiptAt: number | null = null;
  private reconnects = 0;
  private readonly window: number;
  private readonly receiptTimeoutMs: number;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: UplinkPublisherOptions) {
    if (options.urls.length === 0) throw new Error('The uplink needs at least one MQTT URL.');
    this.window = options.window ?? 200;
    this.receiptTimeoutMs = options.receiptTimeoutMs ?? 20_000;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    // Sites spread over the listeners from the start, not all on the first.
    this.firstUrl = Math.floor(this.random() * options.urls.length);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
    this.tick = setInterval(() => this.onTick(), 1000);
    this.tick.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.tick) clearInterval(this.tick);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    this.connected = false;
    if (client) await client.endAsync(true).catch(() => undefined);
  }

  /** Something was enqueued: publish it now rather than at the next tick. */
  kick(): void {
    this.pump();
  }

  status(): UplinkPublisherStatus {
    return {
      connected: this.connected,
      url: this.currentUrl,
      inFlight: this.inFlight.size,
      lastError: this.lastError,
      lastConnectedAt: this.lastConnectedAt,
      lastReceiptAt: this.lastReceiptAt,
      reconnects: this.reconnects,
    };
  }

  private connect(): void {
    if (this.stopped) return;
    const { siteId, password, log } = this.options;
    const url = urlForAttempt(this.options.urls, this.firstUrl, this.attempt);
    this.currentUrl = url;
    const notice = downlinkTopic(siteId);
    const client = mqtt.connect(url, {
      clientId: siteId,
      username: siteId,
      password,
      clean: false,
      reconnectPeriod: 0, // reconnects are ours: the next URL, with jitter
      connectTimeout: 10_000,
      keepalive: 30,
      protocolVersion: 4,
    });
    this.client = client;
    client.on('connect', () => {
      if (this.client !== client) return;
      this.connected = true;
      this.attempt = 0;
      this.lastConnectedAt = this.now();
      this.lastError = null;
      // Notices QoS 1 (kept in the persistent session while the site is away); receipts QoS 0: a
      // lost receipt only means a repeat, and QoS 0 costs the cluster no JetStream consumer.
      client.subscribe({ [notice]: { qos: 1 }, [receiptTopic(siteId)]: { qos: 0 } }, (error) => {
        if (error) log('warn', `uplink subscription refused (${error.message})`);
      });
      this.options.onConnected?.();
      this.pump();
    });
    // A notice's PUBACK must follow its application, so a crash in between brings a redelivery
    // (applied once: outbox.firstDelivery). mqtt.js honours `customHandleAcks` only for MQTT 5, and
    // NATS speaks 3.1.1; but it emits 'message' before it sends the PUBACK, and the receiver applies
    // a notice synchronously in one SQLite transaction before its first await, so the commit comes
    // first. (Found by the site-core test: with customHandleAcks the notice was acked and dropped.)
    client.on('message', (topic, payload) => {
      if (topic === receiptTopic(siteId)) this.onReceipt(payload);
      else if (topic === notice) {
        this.options.onNotice(payload).catch((error: unknown) => log('error', `notice from the authority not applied (${(error as Error).message})`));
      }
    });
    client.on('error', (error) => {
      this.lastError = error.message;
    });
    client.on('close', () => {
      if (this.client !== client) return;
      client.removeAllListeners('connect');
      client.end(true);
      this.client = null;
      if (this.connected) this.reconnects += 1;
      this.connected = false;
      // Whatever was out is published again on the next connection (same seq, dropped if a repeat).
      this.inFlight.clear();
      this.cursor = 0;
      if (this.stopped) return;
      const delay = reconnectDelayMs(this.attempt, this.random, this.options.backoffMs ?? 500, this.options.maxBackoffMs ?? 30_000);
      this.attempt += 1;
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
    });
  }

  private pump(): void {
    const client = this.client;
    if (!client || !this.connected) return;
    while (this.inFlight.size < this.window) {
      const batch = this.options.outbox.pending(SUPERVISION_CHANNEL, this.window - this.inFlight.size, this.cursor);
      if (batch.length === 0) return;
      for (const message of batch) {
        this.cursor = message.seq;
        this.publish(client, message);
      }
    }
  }

  private publish(client: MqttClient, message: OutboxMessage): void {
    if (!(UPLINK_KINDS as readonly string[]).includes(message.kind)) {
      // Would be refused upstream every time: park it for a day with the reason shown to admins.
      this.options.outbox.markFailed(message.seq, `"${message.kind}" is not an uplink kind`, 86_400_000);
      return;
    }
    const envelope: UplinkEnvelope = { v: 1, site: this.options.siteId, seq: message.seq, kind: message.kind as UplinkKind, at: message.createdAt, body: message.body };
    const entry: InFlight = { payload: JSON.stringify(envelope), topic: uplinkTopic(this.options.siteId, message.kind as UplinkKind), publishedAt: this.now() };
    this.inFlight.set(message.seq, entry);
    client.publish(entry.topic, entry.payload, { qos: 1 }, (error) => {
      if (error) this.lastError = error.message;
    });
  }

  private onReceipt(payload: Buffer): void {
    let seqs: number[];
    try {
      const receipt = JSON.parse(payload.toString('utf8')) as { v?: unknown; seqs?: unknown };
      if (receipt.v !== 1 || !Array.isArray(receipt.seqs)) return;
      seqs = receipt.seqs.filter((s): s is number => Number.isSafeInteger(s) && (s as number) > 0).slice(0, 10_000);
    } catch {
      return;
    }
    this.options.outbox.markSent(seqs);
    for (const seq of seqs) this.inFlight.delete(seq);
    this.lastReceiptAt = this.now();
    this.pump();
  }

  private onTick(): void {
    const client = this.client;
    if (client && this.connected) {
      const due = this.now() - this.receiptTimeoutMs;
      for (const entry of this.inFlight.values()) {
        if (entry.publishedAt > due) continue;
        entry.publishedAt = this.now();
        client.publish(entry.topic, entry.payload, { qos: 1 }, (error) => {
          if (error) this.lastError = error.message;
        });
      }
    }
    this.pump();
  }
}
