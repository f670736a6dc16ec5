import { createServer } from 'node:http';
import type pg from 'pg';
import { DownlinkSender } from './downlink.js';
import { authorityRequestHandler } from './http.js';
import { loadSigningKey } from './keys.js';
import { ensureFirstAdmin } from './users.js';

export { applyNoticeAnswer } from './notices.js';
export { applyNoticeReceipt } from './downlink-receipts.js';

/** What the supervision service hands the authority console (electron/supervision/service.ts). */
export interface AuthorityDeps {
  pool: pg.Pool;
  host: string;
  port: number;
  /** The built renderer (dist/renderer): the same console in authority mode. */
  staticRoot: string;
  /** MQTT URL(s) of the cluster's MQTT listeners: notices go down with QoS 1 to each site's session. */
  downlinkMqttUrls: string[];
  /** The service's broker credentials for publishing downlinks (permission: publish `sc/down/#`). */
  downlinkMqttUsername?: string;
  downlinkMqttPassword?: string;
  /** An Ed25519 private key (PKCS#8 PEM); absent: the platform's key kept in PostgreSQL. Default env SUPERVISION_SIGNING_KEY. */
  signingKeyPem?: string;
  /** Password for the first `admin` when no user exists. Default env SUPERVISION_ADMIN_PASSWORD. */
  adminPassword?: string;
  /** The platform's name in the top bar. */
  platform?: string;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface AuthorityHandle {
  url: string;
  port: number;
  /** The public key sites check downlink signatures with (SPKI PEM). */
  publicKeyPem: string;
  /** Sites whose uplink just arrived: their unconfirmed downlink messages go again now. */
  siteHeard(siteIds: Iterable<string>): void;
  close(): Promise<void>;
}

/**
 * Starts the authority and enterprise console: HTTP API + the renderer in authority mode, and the
 * downlink sender for notices. Expects the PostgreSQL migrations applied (migratePg).
 */
export async function startAuthority(deps: AuthorityDeps): Promise<AuthorityHandle> {
  await ensureFirstAdmin(deps.pool, deps.adminPassword ?? process.env.SUPERVISION_ADMIN_PASSWORD, deps.log);
  const key = await loadSigningKey(deps.pool, deps.signingKeyPem ?? process.env.SUPERVISION_SIGNING_KEY);
  const downlink = new DownlinkSender({
    pool: deps.pool,
    urls: deps.downlinkMqttUrls,
    log: deps.log,
    ...(deps.downlinkMqttUsername ? { username: deps.downlinkMqttUsername, password: deps.downlinkMqttPassword ?? '' } : {}),
  });
  const handler = authorityRequestHandler({ pool: deps.pool, key, staticRoot: deps.staticRoot, downlink, platform: deps.platform ?? '智慧工地监管平台', log: deps.log });
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, resolve);
  });
  const port = (server.address() as { port: number }).port;
  deps.log('info', `authority console on http://${deps.host}:${port}`);
  return {
    url: `http://${deps.host}:${port}`,
    port,
    publicKeyPem: key.publicPem,
    siteHeard: (siteIds) => downlink.siteHeard(siteIds),
    close: async () => {
      await downlink.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
