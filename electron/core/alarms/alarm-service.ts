import type { Alarm, AlarmEvent } from '../../common/alarms.js';
import type { DeviceView } from '../../common/site.js';
import type { TelemetryRecord } from '../../common/telemetry.js';
import type { DeviceConfig, SiteConfig } from '../config/site-schema.js';
import type { DeviceStates } from '../devices/device-states.js';
import type { Logger } from '../log/logger.js';
import type { LiveHub } from '../pipeline/live-hub.js';
import type { Service } from '../services/service-registry.js';
import type { Database } from '../store/database.js';
import { AlarmEngine } from './alarm-engine.js';
import { AlarmStore } from './alarm-store.js';
import { AntiCollisionMonitor } from './anti-collision-monitor.js';
import { OutOfServiceRegister } from './out-of-service.js';
import { flagCondition } from './rules/condition.js';
import { evaluateOffline } from './rules/offline.js';
import { SiteRules, type SiteRulesConfig } from './rules/site-rules.js';

/** Publishes an escalation where sirens and SMS gateways listen (the site's MQTT broker). */
export type EscalationPublisher = (topic: string, payload: string) => void;

/**
 * Runs the site's alarms: rules on every accepted reading, device-offline and anti-collision
 * checks, the ISA-18.2 engine, its audit log and state in SQLite, live events to UIs, and
 * escalations to MQTT. The engine itself is pure; this is where it meets the clock and I/O.
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

  constructor(
    private readonly site: SiteConfig,
    db: Database,
    private readonly devices: DeviceStates,
    private readonly hub: LiveHub,
    private readonly log: Logger,
    private readonly publishEscalation: EscalationPublisher | null,
  ) {
    this.store = new AlarmStore(db, {
      onWriteError: (error, queued) => log.warn('alarm audit batch not written; will retry', { error, queued }),
    });
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
    this.escalationTopic = settings.escalationTopic ?? `site/${site.id}/alarms/escalation`;
    this.outOfService = new OutOfServiceRegister(db, this.engine, devices);
  }

  async start(): Promise<void> {
    this.startedAt = Date.now();
    this.engine.restore(this.store.loadAlarms());
    this.outOfService.restore();
    this.timer = setInterval(() => this.tick(Date.now()), 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.store.flush();
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
    if (event.type === 'escalated' && this.publishEscalation) {
      const payload = JSON.stringify({
        at: new Date(event.at).toISOString(),
        alarmId: event.alarmId,
        conditionKey: event.conditionKey,
        device: event.sourceDevice,
        priority: event.priority,
        message: event.alarm.message,
        activatedAt: event.alarm.activatedAt === null ? null : new Date(event.alarm.activatedAt).toISOString(),
      });
      try {
        this.publishEscalation(this.escalationTopic, payload);
      } catch (error) {
        this.log.error('escalation not published', { error, topic: this.escalationTopic });
      }
    }
  }
}

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
