import type { ConditionEvaluation } from '../../common/alarms.js';
import type { HeadcountView } from '../../common/api/gates.js';
import type { TelemetryRecord, GateEvent } from '../../common/telemetry.js';
import type { SiteConfig } from '../config/site-schema.js';
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import type { SecretVault } from '../secrets/secret-vault.js';
import { CertificateWatch } from './certificate-watch.js';
import { GatePassages } from './gate-passages.js';
import { personByReportedId } from './gate-person.js';
import { GateProcessor, type GateInfo } from './gate-processor.js';
import { GateTokens } from './gate-tokens.js';
import { HEADCOUNT_HORIZON_MS, Headcount } from './headcount.js';
import { HeadcountDirectory } from './headcount-directory.js';
import { OperatorCheck } from './operator-check.js';
import type { WorkforceStore } from './workforce-store.js';

/** The live headcount goes out at most this often (a shift change is hundreds of passages a minute). */
const HEADCOUNT_PUBLISH_MS = 250;
/** People inside past the horizon are dropped this often. */
const EXPIRE_EVERY_MS = 10 * 60_000;

export interface GateSystemDeps {
  store: WorkforceStore;
  vault: SecretVault;
  /** The effective site (registry edits applied): gates, their zones, machine names, time zone. */
  site: () => SiteConfig;
  raise: (evaluation: ConditionEvaluation, options: { event?: boolean; now?: number }) => void;
  /** Condition keys of alarms active now (for clearing expired-certificate alarms after a restart). */
  activeAlarmKeys: () => string[];
  /** The total inside, at once (`roster` live event, the top bar). */
  publishTotal: (onSite: number) => void;
  /** Who is inside by group (`headcount` live event), coalesced. */
  publishHeadcount: (view: HeadcountView) => void;
  heard?: (gateId: string) => void;
  log: Logger;
  now?: () => number;
}

/**
 * The gate side of the workforce: passages from both paths through one processor, the headcount
 * that replaces the plain roster (rebuilt from `wf_passages` at start), the operator check on
 * cranes and hoists, and the certificate watch. Started after the store; the ingest pipeline
 * calls `observe` for every accepted reading.
 */
export class GateSystem implements Service {
  readonly name = 'gates';
  readonly required = false;
  readonly passages: GatePassages;
  readonly headcount: Headcount;
  readonly processor: GateProcessor;
  readonly operators: OperatorCheck;
  readonly certificates: CertificateWatch;
  readonly tokens: GateTokens;
  private readonly directory: HeadcountDirectory;
  private publishTimer: NodeJS.Timeout | null = null;
  private expireTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: GateSystemDeps) {
    this.now = deps.now ?? Date.now;
    this.passages = new GatePassages(deps.store.db);
    this.directory = new HeadcountDirectory(deps.store.db, this.now);
    this.headcount = new Headcount((ids) => this.directory.detailsOf(ids), (total) => this.changed(total), this.now);
    this.tokens = new GateTokens(deps.vault);
    this.processor = new GateProcessor({
      store: deps.store,
      passages: this.passages,
      headcount: this.headcount,
      gates: () => this.gates(),
      raise: deps.raise,
      ...(deps.heard ? { heard: deps.heard } : {}),
      log: deps.log,
      now: this.now,
    });
    const timeZone = () => deps.site().timeZone;
    this.operators = new OperatorCheck({
      store: deps.store,
      timeZone: timeZone(),
      machineName: (id) => deps.site().devices.find((d) => d.id === id)?.name ?? id,
      raise: deps.raise,
      now: this.now,
    });
    this.certificates = new CertificateWatch({
      db: deps.store.db,
      timeZone: timeZone(),
      raise: deps.raise,
      activeKeys: deps.activeAlarmKeys,
      isInside: (id) => this.headcount.isInside(id),
      log: deps.log,
      now: this.now,
    });
  }

  get store(): WorkforceStore {
    return this.deps.store;
  }

  async start(): Promise<void> {
    this.rebuild();
    await this.certificates.start();
    this.expireTimer = setInterval(() => {
      if (this.headcount.expire()) this.changed(this.headcount.total);
    }, EXPIRE_EVERY_MS);
    this.expireTimer.unref();
  }

  async stop(): Promise<void> {
    await this.certificates.stop();
    if (this.expireTimer) clearInterval(this.expireTimer);
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.expireTimer = null;
    this.publishTimer = null;
  }

  /** Who is inside, from the last 24 h of counted passages in the store. */
  rebuild(): void {
    this.headcount.rebuild(this.passages.countedSince(this.now() - HEADCOUNT_HORIZON_MS, (g) => this.zoneOf(g)));
  }

  /** Every accepted reading: gate passages from MQTT, drivers of cranes and hoists. */
  observe(record: TelemetryRecord): void {
    if (record.kind === 'gate') this.fromMqtt(record as TelemetryRecord<'gate'>);
    else this.operators.observe(record);
  }

  gate(id: string): GateInfo | undefined {
    return this.gates().get(id);
  }

  /**
   * The MQTT `gate` feed (`{ workerId, direction, gateId }`): `workerId` is whatever the gate
   * controller read, interpreted as a gate card number, then a face id, then the registry's worker
   * id (gate-person.ts). The gate is the reporting device; the event key is the gate, the id,
   * the direction and the device's timestamp, so a QoS 1 redelivery is one passage.
   */
  private fromMqtt(record: TelemetryRecord<'gate'>): void {
    const e: GateEvent = record.values;
    const { worker, kind } = personByReportedId(this.deps.store, e.workerId);
    this.processor.process({
      gateId: record.deviceId,
      eventKey: `${record.deviceId}:mqtt:${e.workerId}:${e.direction}:${record.ts}`,
      at: record.ts,
      direction: e.direction,
      credentialKind: kind,
      credentialValue: e.workerId,
      worker,
      via: 'mqtt',
    });
  }

  private gates(): Map<string, GateInfo> {
    const site = this.deps.site();
    const map = new Map<string, GateInfo>();
    for (const d of site.devices) if (d.kind === 'gate') map.set(d.id, { id: d.id, name: d.name, zone: d.zone ?? site.name });
    return map;
  }

  private zoneOf(gateId: string): string {
    return this.gates().get(gateId)?.zone ?? this.deps.site().name;
  }

  private changed(total: number): void {
    this.deps.publishTotal(total);
    this.publishTimer ??= setTimeout(() => {
      this.publishTimer = null;
      this.deps.publishHeadcount(this.headcount.view());
    }, HEADCOUNT_PUBLISH_MS);
  }
}
