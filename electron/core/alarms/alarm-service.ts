import type { Alarm, AlarmEvent, ConditionEvaluation } from '../../common/alarms.js';
import type { DeviceView } from '../../common/site.js';
import type { TelemetryRecord } from '../../common/telemetry.js';
import type { DeviceConfig, SiteConfig } from '../config/site-schema.js';
import type { DeviceStates } from '../devices/device-states.js';
import type { Logger } from '../log/logger.js';
import type { LiveHub } from '../pipeline/live-hub.js';
import type { Service } from '../services/service-registry.js';
import type { Database } from '../store/database.js';
import { AlarmEngine } from './alarm-engine.js';
import { AlarmStore, type EscalationMessage } from './alarm-store.js';
import { AntiCollisionMonitor } from './anti-collision-monitor.js';
import { AuditArchiver } from './audit-archiver.js';
import type { AuditKeySource } from './audit-key.js';
import { AuditVerifier } from './audit-verifier.js';
import { EscalationOutbox } from './escalation-outbox.js';
import { EscalationSender, type AckedPublish } from './escalation-sender.js';
import { OutOfServiceRegister } from './out-of-service.js';
import { flagCondition } from './rules/condition.js';
import { evaluateOffline } from './rules/offline.js';
import { SiteRules, type SiteRulesConfig } from './rules/site-rules.js';

/** Publishes an escalation where sirens and SMS gateways listen (the site's MQTT broker), QoS 1. */
export type EscalationPublisher = AckedPublish;

/**
 * Runs the site's alarms: rules on every accepted reading, device-offline and anti-collision
 * checks, the ISA-18.2 engine, its audit log and state in SQLite, live events to UIs, and
 * escalations to MQTT through a persistent outbox. The engine itself is pure; this is where it
 * meets the clock and I/O.
 */
export class AlarmService implements Service {
  readonly name = 'alarms';
  readonly required = true;
  readonly engine: AlarmEngine;
  readonly store: AlarmStore;
  private readonly rules: SiteRules;
  private readonly antiCollision: AntiCollisionMonitor;
  private timer: NodeJS.Timeout | null = null;
  private startedAt = Date.now();
  private readonly escalationTopic: string;
  private readonly listeners: ((event: AlarmEvent) => void)[] = [];
  readonly outOfService: OutOfServiceRegister;
  readonly escalations: EscalationOutbox;
  readonly verifier: AuditVerifier;
  private readonly sender: EscalationSender | null;
  /** Null when no archive folder was given (tests that build the service alone). */
  readonly archiver: AuditArchiver | null;
  private archiveTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly site: SiteConfig,
    db: Database,
    private readonly devices: DeviceStates,
    private readonly hub: LiveHub,
    private readonly log: Logger,
    publishEscalation: EscalationPublisher | null,
    readonly keys: AuditKeySource,
    /** Folder for audit archive files (DATA/audit-archive); null: no archiving. */
    archiveDir: string | null = null,
  ) {
    this.escalationTopic = site.alarms.escalationTopic ?? `site/${site.id}/alarms/escalation`;
    this.escalations = new EscalationOutbox(db);
    this.sender = publishEscalation ? new EscalationSender(this.escalations, publishEscalation, log.child('escalation')) : null;
    this.store = new AlarmStore(db, {
      keys,
      outbox: this.escalations,
      escalationOf: (event) => this.escalationOf(event),
      onWritten: () => this.sender?.poke(),
      onWriteError: (error, queued) => log.warn('alarm audit batch not written; will retry', { error, queued }),
    });
    this.verifier = new AuditVerifier(db, keys, () => this.store.flush());
    this.archiver = archiveDir ? new AuditArchiver(db, this.store, keys, { dir: archiveDir, ...site.alarms.auditArchive }, log.child('audit-archive')) : null;
    const settings = site.alarms;
    const minutes = settings.escalateAfterMinutes;
    this.engine = new AlarmEngine({
      onEvent: (event) => this.onEvent(event),
      onListenerError: (error) => log.error('alarm event listener failed', { error }),
      ...(minutes
        ? {
            escalateAfterMs: Object.fromEntries(
              Object.entries(minutes).map(([priority, m]) => [priority, m === null || m === undefined ? null : m * 60_000]),
            ),
          }
        : {}),
    });
    this.rules = new SiteRules(rulesConfig(site), (deviceId) => devices.isBlacklisted(deviceId));
    this.antiCollision = new AntiCollisionMonitor(site.devices, settings.craneSafetyDistanceM);
    this.outOfService = new OutOfServiceRegister(db, this.engine, devices);
  }

  async start(): Promise<void> {
    this.startedAt = Date.now();
    this.engine.restore(this.store.loadAlarms());
    this.outOfService.restore();
    this.timer = setInterval(() => this.tick(Date.now()), 1000);
    this.timer.unref();
    // Escalations left in the outbox by the last run go out first.
    this.sender?.start();
    // Once shortly after start, then daily: archiving is housekeeping, never on the start path.
    this.scheduleArchiving(ARCHIVE_FIRST_AFTER_MS);
  }

  private scheduleArchiving(delayMs: number): void {
    if (!this.archiver) return;
    this.archiveTimer = setTimeout(() => {
      this.archiver?.archiveDue().catch((error: unknown) => this.log.error('audit archiving failed', { error }));
      this.scheduleArchiving(ARCHIVE_EVERY_MS);
    }, delayMs);
    this.archiveTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sender?.stop();
    if (this.archiveTimer) clearTimeout(this.archiveTimer);
    this.archiveTimer = null;
    this.store.flush();
  }

  /** The site broker is (back) up: pending escalations go out now. */
  brokerConnected(): void {
    this.sender?.brokerConnected();
  }

  /**
   * Cranes were moved in the registry: anti-collision judges the next reading at their new bases.
   * (Per-kind rules read no positions, so nothing else here changes.)
   */
  relayoutCranes(devices: readonly DeviceConfig[]): void {
    this.antiCollision.relayout(devices);
    this.log.info('anti-collision uses the edited crane positions', { pairs: this.antiCollision.overlappingPairs().map((p) => p.join('~')) });
  }

  /** Called by the ingest pipeline for every accepted reading. */
  observe(record: TelemetryRecord): void {
    const now = Date.now();
    const evaluations = this.rules.evaluate(record);
    if (record.kind === 'crane') evaluations.push(...this.antiCollision.update(record as TelemetryRecord<'crane'>));
    if (evaluations.length) this.engine.evaluate(evaluations, now);
  }

  /**
   * A condition judged outside telemetry (the workforce: people at the gates, drivers'
   * certificates), fed to the same engine so it is annunciated, audited and escalated like any
   * other. `event`: the condition is a moment, not a state (an unknown card at a turnstile): it
   * activates and returns to normal at once, and the occurrence waits in `unack-rtn` until someone
   * acknowledges it (ISA-18.2 §5.3: a returned alarm still needs its acknowledgement). A state
   * condition (an uncertified driver at the controls) is raised again with `beyond: false` when
   * it ends, and escalates while unacknowledged as any active alarm does.
   */
  raiseCondition(evaluation: ConditionEvaluation, options: { event?: boolean; now?: number } = {}): void {
    const now = options.now ?? Date.now();
    if (!options.event) {
      this.engine.evaluate([evaluation], now);
      return;
    }
    const active = { ...evaluation, beyond: true, clearable: false, onDelayMs: 0, offDelayMs: 0 };
    const { photo: _photo, ...rest } = active;
    this.engine.evaluate([active, { ...rest, beyond: false, clearable: true }], now);
  }

  tick(now: number): void {
    this.engine.tick(now);
    const offline = this.devices
      .list()
      .filter((d) => d.kind !== 'gate')
      .map((d) => evaluateOffline(d.id, d.kind, this.devices.lastHeard(d.id), d.expectedIntervalS * 1000, now, this.startedAt));
    this.engine.evaluate(offline, now);
    this.engine.evaluate(this.devices.list().map(blacklistedCondition), now);
  }

  /** Another part of the core that acts on alarm events (evidence clips). */
  addListener(listener: (event: AlarmEvent) => void): void {
    this.listeners.push(listener);
  }

  annunciated(): Alarm[] {
    return this.engine.annunciated();
  }

  private onEvent(event: AlarmEvent): void {
    this.store.enqueue(event);
    this.hub.publish({ type: 'alarm', event });
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.error('alarm listener failed', { error });
      }
    }
    if (event.type === 'activated' && (event.priority === 'critical' || event.priority === 'high')) {
      this.log.warn('alarm', { priority: event.priority, condition: event.conditionKey, message: event.alarm.message });
    }
    if (event.type === 'escalated') this.log.warn('alarm escalated', { id: event.alarmId, condition: event.conditionKey, topic: this.escalationTopic });
  }

  /** The escalation an 'escalated' event sends; `id` lets receivers drop QoS 1 duplicates. */
  private escalationOf(event: AlarmEvent): EscalationMessage {
    const id = `${event.alarmId}:escalated`;
    const payload = JSON.stringify({
      id,
      at: new Date(event.at).toISOString(),
      alarmId: event.alarmId,
      conditionKey: event.conditionKey,
      device: event.sourceDevice,
      priority: event.priority,
      message: event.alarm.message,
      activatedAt: event.alarm.activatedAt === null ? null : new Date(event.alarm.activatedAt).toISOString(),
    });
    return { id, topic: this.escalationTopic, payload };
  }
}

const ARCHIVE_FIRST_AFTER_MS = 60_000;
const ARCHIVE_EVERY_MS = 24 * 3600_000;

/**
 * A device on the regulator's blacklist that is reporting: its data is stored but does not count
 * for compliance, and the site must replace it. Active while it reports (online), so a blacklisted
 * device left unplugged in a store room does not hold an alarm open.
 */
function blacklistedCondition(d: DeviceView) {
  return flagCondition({
    conditionKey: `${d.id}:blacklisted`,
    sourceDevice: d.id,
    priority: 'medium',
    message: `${d.name} (${[d.model, d.supplier].filter(Boolean).join(', ')}) is on the regulator's blacklist: ${d.blacklistReason ?? ''}. Its data is stored but not counted for compliance; replace it`,
    active: d.blacklisted === true && d.status === 'online',
    onDelayMs: 0,
    offDelayMs: 0,
  });
}

function rulesConfig(site: SiteConfig): SiteRulesConfig {
  const a = site.alarms;
  const ranging = a.ranging
    ? Object.fromEntries(Object.entries(a.ranging).map(([id, points]) => [id, { points }]))
    : undefined;
  return {
    timeZone: site.timeZone,
    defaultDust: { preset: a.dustPreset },
    ...(a.cranes ? { cranes: a.cranes } : {}),
    ...(a.hoists ? { hoists: a.hoists } : {}),
    ...(ranging ? { ranging } : {}),
  };
}
