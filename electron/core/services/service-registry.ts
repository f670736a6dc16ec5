import type { ServiceState } from '../../common/api.js';
import type { Logger } from '../log/logger.js';

/** A long-lived part of the core (store, broker, sources, HTTP server) with an ordered life. */
export interface Service {
  readonly name: string;
  /** A required service that fails to start stops the core; an optional one is marked failed and the rest go on. */
  readonly required: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts services in registration order and stops them in reverse, so that nothing is stopped
 * while something started after it still depends on it (the HTTP server stops before the store).
 */
export class ServiceRegistry {
  private readonly services: Service[] = [];
  private readonly states = new Map<string, ServiceState>();
  private readonly errors = new Map<string, string>();

  constructor(private readonly log: Logger) {}

  add(service: Service): void {
    if (this.states.has(service.name)) throw new Error(`service "${service.name}" registered twice`);
    this.services.push(service);
    this.states.set(service.name, 'stopped');
  }

  async startAll(): Promise<void> {
    for (const service of this.services) {
      this.states.set(service.name, 'starting');
      try {
        await service.start();
        this.states.set(service.name, 'running');
        this.log.debug('service started', { service: service.name });
      } catch (error) {
        this.states.set(service.name, 'failed');
        this.errors.set(service.name, (error as Error).message);
        if (service.required) {
          this.log.error('required service failed to start', { service: service.name, error });
          await this.stopAll();
          throw error;
        }
        this.log.warn('optional service failed to start; continuing without it', { service: service.name, error });
      }
    }
  }

  async stopAll(): Promise<void> {
    for (const service of [...this.services].reverse()) {
      const state = this.states.get(service.name);
      if (state !== 'running' && state !== 'starting') continue;
      this.states.set(service.name, 'stopping');
      try {
        await service.stop();
      } catch (error) {
        this.log.error('service failed to stop cleanly', { service: service.name, error });
      }
      this.states.set(service.name, 'stopped');
    }
  }

  snapshot(): Record<string, ServiceState> {
    return Object.fromEntries(this.states);
  }

  errorOf(name: string): string | undefined {
    return this.errors.get(name);
  }
}
