/**
 * The site's downlink subscription: topic `sc/down/SITE/notice` with QoS 1 on a persistent
 * session (clean session off, a fixed client id), so what the authority sends while the site is
 * offline waits in the broker and arrives on reconnect. The PUBACK goes only after the receiver
 * has applied (or refused) the message: a crash in between brings a redelivery, applied once.
 */
import mqtt from 'mqtt';
import { downlinkTopic } from '../../common/supervision.js';
import type { NoticeReceiver } from './notice-receiver.js';

export interface NoticeSubscriptionOptions {
  url: string;
  siteId: string;
  username?: string;
  password?: string;
  receiver: NoticeReceiver;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface NoticeSubscription {
  connected(): boolean;
  close(): Promise<void>;
}

/** The persistent session's client id: the same across restarts, one per site. */
export function downlinkClientId(siteId: string): string {
  return `sc-down-${siteId}`;
}

export function subscribeNotices(o: NoticeSubscriptionOptions): NoticeSubscription {
  const client = mqtt.connect(o.url, {
    clientId: downlinkClientId(o.siteId),
    clean: false,
    reconnectPeriod: 2_000,
    connectTimeout: 10_000,
    ...(o.username ? { username: o.username, password: o.password ?? '' } : {}),
  });
  // Overridden so that the PUBACK waits for the message to be applied (mqtt.js acks after `done`).
  client.handleMessage = (packet, done) => {
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    o.receiver.handle(payload).then(
      () => done(),
      (error: unknown) => {
        o.log('error', `downlink message not applied: ${(error as Error).message}`);
        done();
      },
    );
  };
  client.on('connect', (ack) => {
    if (!ack.sessionPresent) {
      client.subscribe(downlinkTopic(o.siteId), { qos: 1 }, (error) => {
        if (error) o.log('warn', `downlink subscription refused: ${error.message}`);
      });
    }
    o.log('info', `downlink connected (${ack.sessionPresent ? 'session kept' : 'new session'})`);
  });
  client.on('error', (error) => o.log('warn', `downlink MQTT: ${error.message}`));
  return {
    connected: () => client.connected,
    close: async () => {
      await client.endAsync(true).catch(() => undefined);
    },
  };
}
