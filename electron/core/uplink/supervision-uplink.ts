import type { AlarmEvent } from '../../common/alarms.js';
import type { UplinkStatus } from '../../common/api/uplink.js';
import type { SupervisionSiteSettings } from '../../common/site.js';
import type { AttendanceBody, SiteSummaryBody, UplinkKind } from '../../common/supervision.js';
import type { Logger } from '../log/logger.js';
import type { SecretVault } from '../secrets/secret-vault.js';
import type { Service } from '../services/service-registry.js';
import type { NoticeReceiver } from './notice-receiver.js';
import type { Outbox } from './outbox.js';
import { SUPERVISION_CHANNEL, UplinkPublisher, type UplinkPublisherOptions } from './publisher.js';

/** The vault entry holding the site's broker password (set by an admin, never in the site file). */
export const UPLINK_PASSWORD_SECRET = 'supervision/uplink/password';

export interface SupervisionUplinkDeps {
  /** The site file's `supervision` section; absent: the uplink is off and nothing is enqueued. */
  settings: SupervisionSiteSettings | undefined;
  outbox: Outbox;
  vault: SecretVault | undefined;
  /** Builds the summary from what the core has now (site-summary.ts). */
  summary: () => SiteSummaryBody;
  /** Reads new exceedances and notice steps into the outbox (uplink-events.ts); returns how many. */
  pollEvents: () => number;
  /** Alarm events to their uplink body (null: not sent). */
  alarmBody: (event: AlarmEvent) => unknown;
  /** Today's attendance so far (sent when it changes); null without a roster. */
  attendance: () => AttendanceBody | null;
  noticeReceiver: NoticeReceiver;
  log: Logger;
  /** Tests: publisher knobs (window, timeouts). */
  publisher?: Partial<UplinkPublisherOptions>;
}

/**
 * The site console's uplink to the supervision platform (#13): a summary every
 * `summaryEverySeconds` and at once after each (re)connection, events as they happen (alarm state
 * changes, exceedances, rectification steps, attendance when it changes), all through the
 * outbox, drained by the publisher; notices that come down go to the notice receiver. Optional: a
 * site without the section, or without its password yet, runs as before and says why in the status.
 */
export class SupervisionUplink implements Service {
  readonly name = 'supervision-uplink';
  readonly required = false;
  private publisher: UplinkPublisher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastAttendance = '';
  private problem: string | null = null;

  constructor(private readonly deps: SupervisionUplinkDeps) {}

  get enabled(): boolean {
    return this.deps.settings !== undefined;
  }

  async start(): Promise<void> {
    const settings = this.deps.settings;
    if (!settings) return;
    this.startPublisher();
    this.timer = setInterval(() => this.tick(), settings.summaryEverySeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.publisher?.stop();
    this.publisher = null;
  }

  /** An alarm event from the alarm service (its listener). */
  onAlarmEvent(event: AlarmEvent): void {
    if (!this.enabled) return;
    const body = this.deps.alarmBody(event);
    if (body) this.enqueue('alarm', body);
  }

  enqueue(kind: UplinkKind, body: unknown): number | null {
    if (!this.enabled) return null;
    const seq = this.deps.outbox.enqueue(SUPERVISION_CHANNEL, kind, body);
    this.publisher?.kick();
    return seq;
  }

  /** One summary now, plus what the event feeds found; the timer's work and a reconnection's. */
  tick(): void {
    if (!this.enabled) return;
    try {
      this.deps.pollEvents();
      const attendance = this.deps.attendance();
      const key = attendance ? JSON.stringify(attendance) : '';
      if (attendance && key !== this.lastAttendance) {
        this.lastAttendance = key;
        this.enqueue('attendance', attendance);
      }
      this.enqueue('summary', this.deps.summary());
    } catch (error) {
      this.deps.log.error('supervision summary not built', { error });
    }
  }

  /** Sets the broker password (sealed in the vault) and reconnects with it. */
  async setPassword(password: string): Promise<void> {
    if (!this.deps.vault) throw new Error('the secrets vault is not available');
    this.deps.vault.set(UPLINK_PASSWORD_SECRET, password);
    if (!this.deps.settings) return;
    await this.publisher?.stop();
    this.publisher = null;
    this.startPublisher();
  }

  status(): UplinkStatus {
    const settings = this.deps.settings;
    const outbox = this.deps.outbox.stats(SUPERVISION_CHANNEL);
    const p = this.publisher?.status();
    return {
      enabled: settings !== undefined,
      siteId: settings?.siteId ?? null,
      passwordSet: this.deps.vault?.has(UPLINK_PASSWORD_SECRET) ?? false,
      connected: p?.connected ?? false,
      url: p?.url ?? null,
      pending: outbox.pending,
      oldestPendingAt: outbox.oldestPendingAt,
      inFlight: p?.inFlight ?? 0,
      sent: outbox.sent,
      lastSentAt: outbox.lastSentAt,
      lastReceiptAt: p?.lastReceiptAt ?? null,
      lastConnectedAt: p?.lastConnectedAt ?? null,
      reconnects: p?.reconnects ?? 0,
      lastError: p?.lastError ?? this.problem ?? outbox.lastError,
    };
  }

  private startPublisher(): void {
    const settings = this.deps.settings!;
    const password = this.deps.vault?.get(UPLINK_PASSWORD_SECRET) ?? null;
    if (!password) {
      this.problem = 'The broker password is not set: an admin sets it under the uplink settings (the platform gives it with the site id).';
      this.deps.log.warn('supervision uplink waits for its password', { siteId: settings.siteId });
      return;
    }
    this.problem = null;
    const log = this.deps.log;
    this.publisher = new UplinkPublisher({
      siteId: settings.siteId,
      urls: settings.uplink,
      password,
      outbox: this.deps.outbox,
      onNotice: (payload) => this.deps.noticeReceiver.handle(payload),
      onConnected: () => this.tick(),
      log: (level, message) => log[level](message),
      ...this.deps.publisher,
    });
    this.publisher.start();
  }
}
