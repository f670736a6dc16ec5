import { createServer, type AddressInfo, type Server } from 'node:net';
import type { Logger } from '../../log/logger.js';
import type { Service } from '../../services/service-registry.js';

/**
 * An MQTT broker inside the core (aedes) for the demo site and for a site with no broker of its
 * own. It binds loopback only: field devices should talk to a real broker (mosquitto) on the LAN.
 */
export class EmbeddedBroker implements Service {
  readonly name = 'broker';
  readonly required = true;
  private server: Server | null = null;
  private closeBroker: (() => Promise<void>) | null = null;
  private boundPort = 0;

  constructor(
    private readonly log: Logger,
    private readonly port = 0,
    private readonly host = '127.0.0.1',
  ) {}

  async start(): Promise<void> {
    // aedes 1.x is ESM-only and async to create.
    const { Aedes } = await import('aedes');
    const broker = await Aedes.createBroker();
    const server = createServer(broker.handle as (socket: import('node:net').Socket) => void);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
    this.closeBroker = () => new Promise<void>((resolve) => broker.close(() => resolve()));
    this.log.info('embedded MQTT broker listening', { url: this.url });
  }

  get url(): string {
    return `mqtt://${this.host}:${this.boundPort}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (this.closeBroker) await this.closeBroker();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
