import mqtt, { type MqttClient } from 'mqtt';
import type { SourceStatus } from '../../../common/site.js';
import type { Logger } from '../../log/logger.js';
import type { IngestPipeline } from '../../pipeline/ingest.js';
import type { Service } from '../../services/service-registry.js';
import { Backoff } from './backoff.js';
import { describeConnectionError, redactUrl } from './describe-error.js';
import { decodeJsonPayload } from './payload.js';
import { parseDeviceTopic, subscriptionsFor } from './topics.js';

export interface MqttSourceOptions {
  url: string;
  siteId: string;
  /** Fixed per installation so the broker keeps a persistent session (QoS 1 kept while we are away). */
  clientId: string;
  onStatus: (status: SourceStatus) => void;
}

/**
 * The MQTT adapter: subscribes to the site's device topics and feeds the ingest pipeline.
 * mqtt.js reconnects at a fixed period; we change that period on each attempt for backoff.
 */
export class MqttSource implements Service {
  readonly name = 'mqtt';
  readonly required = false;
  private client: MqttClient | null = null;
  private readonly backoff = new Backoff();
  private status: SourceStatus;

  constructor(
    private readonly options: MqttSourceOptions,
    private readonly pipeline: IngestPipeline,
    private readonly log: Logger,
  ) {
    this.status = { id: 'mqtt', label: `MQTT ${redactUrl(options.url)}`, state: 'connecting', since: Date.now() };
  }

  async start(): Promise<void> {
    this.setState('connecting');
    const client = mqtt.connect(this.options.url, {
      clientId: this.options.clientId,
      clean: false,
      reconnectPeriod: this.backoff.next(),
      connectTimeout: 10_000,
      keepalive: 30,
      // Subscriptions are kept by the broker's persistent session; resubscribe anyway in case it forgot.
      resubscribe: true,
    });
    this.client = client;
    client.on('connect', () => {
      this.backoff.reset();
      client.options.reconnectPeriod = this.backoff.next();
      this.log.info('connected to broker', { url: redactUrl(this.options.url) });
      this.setState('connected');
      client.subscribe(subscriptionsFor(this.options.siteId), { qos: 1 }, (error) => {
        if (error) this.log.error('subscribe failed', { error });
      });
    });
    client.on('error', (error) => {
      this.log.warn('broker connection error', { error: describeConnectionError(error) });
      this.setState('reconnecting', describeConnectionError(error));
    });
    client.on('close', () => {
      if (this.status.state === 'connected') this.setState('reconnecting', 'connection lost');
      client.options.reconnectPeriod = this.backoff.next();
    });
    client.on('offline', () => {
      if (this.status.state === 'connected') this.setState('reconnecting', 'broker offline');
    });
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    // Not connected (broker down or still connecting): nothing in flight to finish, end at once.
    if (client && !client.connected) client.end(true);
    else if (client) await client.endAsync(false).catch(() => client.end(true));
    this.setState('offline', 'stopped');
  }

  /**
   * Publishes on the site broker with QoS 1 (alarm escalations for sirens/SMS gateways). Resolves
   * on the broker's PUBACK (mqtt.js calls back then for QoS 1); rejects at once when not
   * connected, so the caller's outbox keeps the message rather than mqtt.js's memory.
   */
  publish(topic: string, payload: string): Promise<void> {
    const client = this.client;
    if (!client?.connected) return Promise.reject(new Error('broker not connected'));
    return new Promise((resolve, reject) => {
      client.publish(topic, payload, { qos: 1 }, (error) => (error ? reject(error) : resolve()));
    });
  }

  getStatus(): SourceStatus {
    return { ...this.status };
  }

  private onMessage(topic: string, payload: Buffer): void {
    const parsed = parseDeviceTopic(topic);
    if (!parsed) return;
    const decoded = decodeJsonPayload(payload, Date.now());
    if (!decoded.ok) {
      this.pipeline.rejectReading(parsed.deviceId, decoded.reason, 'mqtt');
      return;
    }
    this.pipeline.ingest({ deviceId: parsed.deviceId, kind: parsed.kind, ts: decoded.ts, deviceTime: decoded.deviceTime, values: decoded.values, via: 'mqtt' });
  }

  private setState(state: SourceStatus['state'], detail?: string): void {
    if (this.status.state === state && this.status.detail === detail) return;
    this.status = { ...this.status, state, since: Date.now(), ...(detail ? { detail } : { detail: undefined }) };
    if (!detail) delete this.status.detail;
    this.options.onStatus(this.getStatus());
  }
}
