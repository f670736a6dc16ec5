/**
 * Keeps the statistics read models current: the equipment observer's queue, new alarm audit
 * rows, ended dust/noise hours, gate passages and panorama captures, folded every few seconds in
 * bounded chunks (one transaction each), so the core's event loop never waits on a month at once:
 * after an upgrade the backlog is folded a chunk per tick.
 */
import type { TelemetryRecord } from '../../common/telemetry.js';
import type { DustPresetId } from '../alarms/rules/dust-presets.js';
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import type { Database } from '../store/database.js';
import { AlarmFold } from './alarm-fold.js';
import { EnvFold } from './env-fold.js';
import { EquipmentFold } from './equipment-fold.js';
import { WorkforceFold } from './workforce-fold.js';

export interface StatisticsServiceDeps {
  db: Database;
  timeZone: () => string;
  preset: () => DustPresetId;
  /** Kind of a device on the site ('crane', 'dust'…), undefined when unknown. */
  deviceKind: (id: string) => string | undefined;
  dustDevices: () => string[];
  /** The building a device serves (site file, else the footprint holding it); null or absent: none. */
  buildingOf?: (id: string) => string | null;
  log?: Logger;
  /** Fold interval, ms (default 5 s). */
  intervalMs?: number;
  now?: () => number;
}

export class StatisticsService implements Service {
  readonly name = 'statistics';
  readonly required = false;
  private timer: NodeJS.Timeout | null = null;
  readonly equipment: EquipmentFold;
  private readonly alarms: AlarmFold;
  private readonly env: EnvFold;
  private readonly workforce: WorkforceFold;

  constructor(private readonly deps: StatisticsServiceDeps) {
    const buildingOf = deps.buildingOf ?? (() => null);
    this.equipment = new EquipmentFold(deps.db, deps.timeZone, buildingOf);
    this.alarms = new AlarmFold({ db: deps.db, timeZone: deps.timeZone, deviceKind: deps.deviceKind, operatorAt: (d, at) => this.equipment.operatorAt(d, at), buildingOf });
    this.env = new EnvFold({ db: deps.db, timeZone: deps.timeZone, preset: deps.preset, dustDevices: deps.dustDevices, buildingOf });
    this.workforce = new WorkforceFold(deps.db, deps.timeZone);
  }

  /** The ingest pipeline's observer. */
  observe(record: TelemetryRecord): void {
    this.equipment.observe(record);
  }

  /** One chunk of each fold; returns the rows/items folded (0: caught up). */
  step(now = (this.deps.now ?? Date.now)()): number {
    // Lifts first: an overload's operator is looked up among them.
    return this.equipment.step() + this.alarms.step() + this.env.step(now) + this.workforce.step();
  }

  /** Folds until caught up (tests, the bench, the busy-site seed). */
  catchUp(now?: number): void {
    while (this.step(now) > 0);
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => {
      try {
        this.step();
      } catch (error) {
        this.deps.log?.warn('statistics fold failed; will retry', { error });
      }
    }, this.deps.intervalMs ?? 5000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.deps.db.open) this.equipment.step();
  }
}
