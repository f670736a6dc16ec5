import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between one client and a server, which a test can cut: `cut(ms)` drops every
 * connection through it and refuses new ones for `ms` (a site's uplink down), then lets them through again.
 */
export class CuttableLink {
  private readonly sockets = new Set<Socket>();
  private cutUntil = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<CuttableLink> {
    let link: CuttableLink | null = null;
    const server = createServer((inbound) => {
      if (!link || Date.now() < link.cutUntil) {
        inbound.destroy();
        return;
      }
      const outbound = connect(targetPort, '127.0.0.1');
      const pair = link.sockets;
      pair.add(inbound);
      pair.add(outbound);
      const close = () => {
        inbound.destroy();
        outbound.destroy();
        pair.delete(inbound);
        pair.delete(outbound);
      };
      inbound.on('error', close).on('close', close);
      outbound.on('error', close).on('close', close);
      inbound.pipe(outbound);
      outbound.pipe(inbound);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    link = new CuttableLink(server, (server.address() as { port: number }).port);
    return link;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  cut(ms: number): void {
    this.cutUntil = Date.now() + ms;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  get isCut(): boolean {
    return Date.now() < this.cutUntil;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
