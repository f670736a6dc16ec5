import { AckPolicy, DeliverPolicy, DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager } from 'nats';
import { UPLINK_CONSUMER, UPLINK_STREAM } from '../common/supervision.js';

/** Messages a consumer hands out before acks come back, for all instances together: bounds each instance's buffer. */
export const MAX_ACK_PENDING = 4_000;
/** How long a message taken by an instance waits for its ack before JetStream redelivers it (an instance killed mid-batch). */
export const ACK_WAIT_MS = 30_000;

/**
 * Makes sure the stream keeping every site's uplink (`sc.up.>`, file storage, kept 7 days) and the
 * one durable pull consumer every service instance shares exist. Replicas: three where the cluster
 * has three nodes (a node may fail and the stream keeps its messages), fewer on a smaller one: the
 * server refuses more replicas than nodes, and the next lower count is tried.
 */
export async function ensureUplinkStream(jsm: JetStreamManager, log: (message: string) => void): Promise<number> {
  let replicas = 0;
  try {
    replicas = (await jsm.streams.info(UPLINK_STREAM)).config.num_replicas;
  } catch {
    for (const r of [3, 2, 1]) {
      try {
        await jsm.streams.add({
          name: UPLINK_STREAM,
          subjects: ['sc.up.>'],
          storage: StorageType.File,
          retention: RetentionPolicy.Limits,
          discard: DiscardPolicy.Old,
          num_replicas: r,
          max_age: 7 * 24 * 3600 * 1e9,
          max_msg_size: 1024 * 1024,
        });
        replicas = r;
        break;
      } catch (error) {
        const text = (error as Error).message;
        if (/already in use|exists/i.test(text)) {
          replicas = (await jsm.streams.info(UPLINK_STREAM)).config.num_replicas;
          break;
        }
        log(`stream ${UPLINK_STREAM} with ${r} replicas refused (${text}); trying fewer`);
      }
    }
    if (replicas === 0) throw new Error(`JetStream refused to create the stream ${UPLINK_STREAM}: is JetStream enabled on the cluster?`);
  }
  try {
    await jsm.consumers.info(UPLINK_STREAM, UPLINK_CONSUMER);
  } catch {
    try {
      await jsm.consumers.add(UPLINK_STREAM, {
        durable_name: UPLINK_CONSUMER,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: ACK_WAIT_MS * 1e6,
        max_ack_pending: MAX_ACK_PENDING,
        max_deliver: -1,
      });
    } catch (error) {
      // Another instance created it meanwhile: fine.
      await jsm.consumers.info(UPLINK_STREAM, UPLINK_CONSUMER).catch(() => {
        throw error;
      });
    }
  }
  return replicas;
}
