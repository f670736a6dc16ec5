import type pg from 'pg';

/** What the supervision service hands the authority console (electron/supervision/service.ts). */
export interface AuthorityDeps {
  pool: pg.Pool;
  host: string;
  port: number;
  /** The built renderer (dist/renderer): the same console in authority mode. */
  staticRoot: string;
  /** MQTT URL(s) of the cluster's MQTT listeners: notices go down with QoS 1 to each site's session. */
  downlinkMqttUrls: string[];
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface AuthorityHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the authority and enterprise console: HTTP API + the renderer, notices sent down.
 * Placeholder until the authority console's work lands: it only answers that it is not built.
 */
export async function startAuthority(deps: AuthorityDeps): Promise<AuthorityHandle> {
  const { createServer } = await import('node:http');
  const server = createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('authority console not built yet');
  });
  await new Promise<void>((resolve) => server.listen(deps.port, deps.host, resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://${deps.host}:${port}`, port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
