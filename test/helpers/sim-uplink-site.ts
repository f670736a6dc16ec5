import type { SiteSummaryBody } from '../../electron/common/supervision.js';
import { loadSqlite } from '../../native/sqlite.js';
import { migrate, type Database } from '../../electron/core/store/database.js';
import { MIGRATIONS } from '../../electron/core/store/migrations.js';
import { Outbox } from '../../electron/core/uplink/outbox.js';
import { SUPERVISION_CHANNEL, UplinkPublisher, type UplinkPublisherOptions } from '../../electron/core/uplink/publisher.js';

const UPLINK_MIGRATION = MIGRATIONS.filter((m) => m.version === 20);

/**
 * A simulated site for supervision tests and benches: the site console's own outbox (an in-memory
 * SQLite database with the uplink table only: 200 of them start in moments) and its own
 * publisher, without the rest of a core.
 */
export class SimUplinkSite {
  readonly db: Database;
  readonly outbox: Outbox;
  readonly publisher: UplinkPublisher;
  private counter = 0;

  constructor(readonly siteId: string, options: Omit<UplinkPublisherOptions, 'siteId' | 'outbox' | 'onNotice' | 'log'> & Partial<Pick<UplinkPublisherOptions, 'onNotice' | 'log'>>) {
    const Sqlite = loadSqlite();
    this.db = new Sqlite(':memory:');
    migrate(this.db, UPLINK_MIGRATION);
    this.outbox = new Outbox(this.db);
    this.publisher = new UplinkPublisher({ siteId, outbox: this.outbox, onNotice: async () => undefined, log: () => undefined, ...options });
  }

  /** Enqueues a summary whose figures change every time; returns its seq. */
  summary(): number {
    this.counter += 1;
    const seq = this.outbox.enqueue(SUPERVISION_CHANNEL, 'summary', simSummary(this.counter));
    this.publisher.kick();
    return seq;
  }

  event(kind: 'alarm' | 'attendance', body: Record<string, unknown>): number {
    const seq = this.outbox.enqueue(SUPERVISION_CHANNEL, kind, body);
    this.publisher.kick();
    return seq;
  }

  /** Every message the site ever enqueued, with the newest summary. */
  written(): { count: number; pending: number; newestSummary: { seq: number; body: unknown } | null } {
    const count = (this.db.prepare("SELECT COUNT(*) AS n FROM uplink_outbox WHERE channel = 'supervision'").get() as { n: number }).n;
    const pending = this.outbox.stats(SUPERVISION_CHANNEL).pending;
    const row = this.db.prepare("SELECT seq, body FROM uplink_outbox WHERE channel = 'supervision' AND kind = 'summary' ORDER BY seq DESC LIMIT 1").get() as { seq: number; body: string } | undefined;
    return { count, pending, newestSummary: row ? { seq: row.seq, body: JSON.parse(row.body) as unknown } : null };
  }

  async close(): Promise<void> {
    await this.publisher.stop();
    this.db.close();
  }
}

export function simSummary(n: number): SiteSummaryBody {
  return {
    day: '2026-12-06',
    timeZone: 'Asia/Shanghai',
    openAlarms: { critical: n % 2, high: n % 3, medium: n % 5, low: n % 7 },
    craneAlarmsToday: n % 4,
    dustExceedancesToday: n % 3,
    dustComplianceRate: 0.9,
    headcount: 100 + (n % 50),
    managersPresent: 3,
    attendanceRate: 0.8,
    certificateProblems: 0,
    overdueRectifications: n % 2,
    devicesOffline: 1,
    devicesTotal: 40,
    blacklistedDevicesInUse: 0,
  };
}
