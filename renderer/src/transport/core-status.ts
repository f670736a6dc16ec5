import type { HealthReport, TransportSecurity } from '../../../electron/common/api.js';
import { ValueStore } from '../state/external-store.js';

/** How long the top bar says "core restarted" after the console reconnected to a new core, ms. */
export const CORE_RESTART_NOTICE_MS = 60_000;

/**
 * What the console knows about the core it talks to, from health after each (re)connection: a
 * boot id other than the last one means the core restarted (not just a network drop), which the
 * top bar says for a minute; and how the console is served (TLS fingerprint, unencrypted LAN).
 */
export class CoreStatus {
  /** When the console last noticed a restarted core (ms since epoch), or null. */
  readonly restartedAt = new ValueStore<number | null>(null);
  readonly transport = new ValueStore<TransportSecurity | null>(null);
  private bootId: string | null = null;

  /** Notes a health report; true when it comes from a core other than the one seen before. */
  note(health: HealthReport, now = Date.now()): boolean {
    if (health.transport) this.transport.set(health.transport);
    if (!health.bootId) return false;
    const restarted = this.bootId !== null && this.bootId !== health.bootId;
    this.bootId = health.bootId;
    if (restarted) this.restartedAt.set(now);
    return restarted;
  }
}
