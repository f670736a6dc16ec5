import { connect, type NatsConnection } from 'nats';
import pg from 'pg';
import { startAuthority, type AuthorityHandle } from './authority/index.js';
import { ensureUplinkStream } from './jetstream-setup.js';
import { migratePg } from './pg-migrations.js';
import { SiteDirectory } from './site-directory.js';
import { UplinkConsumer } from './uplink-consumer.js';

export interface SupervisionOptions {
  /** NATS client URLs of the cluster's nodes (any one is enough; the client fails over). */
  natsUrls: string[];
  natsUser?: string;
  natsPassword?: string;
  pgUrl: string;
  host: string;
  port: number;
  /** MQTT URLs of the cluster's listeners (notices go down through them). */
  mqttUrls: string[];
  /** The built renderer (renderer/dist) the authority console serves. */
  staticRoot: string;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface SupervisionHandle {
  consumer: UplinkConsumer;
  authority: AuthorityHandle;
  replicas: number;
  /** Graceful stop: stop pulling, write and ack what is buffered, close the console, the pool and NATS. */
  stop(): Promise<void>;
}

/**
 * The supervision service (one instance; run several for more throughput or availability): PostgreSQL
 * migrated, the uplink stream and its durable consumer ensured, the consumer pulling into
 * PostgreSQL, and the authority console served. Every instance is the same; PostgreSQL holds the state.
 */
export async function startSupervision(options: SupervisionOptions): Promise<SupervisionHandle> {
  const { log } = options;
  const pool = new pg.Pool({ connectionString: options.pgUrl, max: 8 });
  pool.on('error', (error) => log('warn', `PostgreSQL connection lost (${error.message})`));
  const version = await migratePg(pool);
  log('info', `PostgreSQL schema at version ${version}`);
  const nc: NatsConnection = await connect({
    servers: options.natsUrls,
    user: options.natsUser,
    pass: options.natsPassword,
    name: 'supervision',
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
  void (async () => {
    for await (const s of nc.status()) if (s.type === 'disconnect' || s.type === 'reconnect') log('info', `NATS ${s.type} (${String(s.data)})`);
  })().catch(() => undefined);
  // JetStream may be busy (a node restarting, a leader election): its API then times out. Keep
  // trying rather than exit; the stream and the consumer keep the sites' messages meanwhile.
  let replicas = 0;
  for (let attempt = 1; replicas === 0; attempt += 1) {
    try {
      replicas = await ensureUplinkStream(await nc.jetstreamManager(), (m) => log('warn', m));
    } catch (error) {
      log('warn', `JetStream not ready (${(error as Error).message}); trying again (attempt ${attempt})`);
      await new Promise((r) => setTimeout(r, Math.min(5000, 500 * attempt)));
    }
  }
  // The consumer starts first (the sites' messages wait for no one); the authority is bound once up.
  let heard: ((siteIds: string[]) => void) | null = null;
  const consumer = new UplinkConsumer({ nc, pool, sites: new SiteDirectory(pool), log, onSitesHeard: (ids) => heard?.(ids) });
  consumer.start();
  const authority = await startAuthority({
    pool,
    host: options.host,
    port: options.port,
    staticRoot: options.staticRoot,
    downlinkMqttUrls: options.mqttUrls,
    // The service's own broker user (nats-auth gives it every subject, sc.down.> included) publishes the notices.
    ...(options.natsUser ? { downlinkMqttUsername: options.natsUser, downlinkMqttPassword: options.natsPassword ?? '' } : {}),
    log,
  });
  heard = (ids) => authority.siteHeard(ids);
  log('info', `supervision service up: stream replicas ${replicas}, console ${authority.url}`);
  return {
    consumer,
    authority,
    replicas,
    async stop() {
      await consumer.stop();
      await authority.close().catch(() => undefined);
      await nc.drain().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}
