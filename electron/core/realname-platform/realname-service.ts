/**
 * The uplink as a core service: a sync pass every few minutes (and on demand from the API), so
 * what the labour office registers reaches the platform without anyone pressing a button.
 */
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import type { RealnameCredentials } from './realname-credentials.js';
import type { RealnameUplink } from './realname-uplink.js';

/** Between automatic passes: the platform's own processing is minutes, not seconds. */
export const REALNAME_SYNC_INTERVAL_MS = 5 * 60_000;

export class RealnameService implements Service {
  readonly name = 'realname-platform';
  readonly required = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly uplink: RealnameUplink,
    readonly credentials: RealnameCredentials,
    private readonly log: Logger,
    private readonly intervalMs = REALNAME_SYNC_INTERVAL_MS,
  ) {}

  async start(): Promise<void> {
    this.timer = setInterval(() => void this.syncNow().catch((error: Error) => this.log.warn('real-name platform sync failed', { error: error.message })), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass, only while credentials are set (otherwise nothing is enqueued either). */
  async syncNow(): Promise<void> {
    if (!this.credentials.get()) return;
    await this.uplink.sync();
  }

  status() {
    return this.uplink.status(this.credentials.facts());
  }
}
