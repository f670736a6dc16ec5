import type { DeviceIdentity } from '../../common/api.js';
import type { DeviceView } from '../../common/site.js';
import type { TelemetryRecord } from '../../common/telemetry.js';
import type { DeviceConfig } from '../config/site-schema.js';

/** How many expected intervals of silence make a device offline. */
export const OFFLINE_AFTER_INTERVALS = 3;

/**
 * Live state of every configured device: last values, last seen, link state, rejected payloads.
 * Changes are reported through `onChange` so transports push them; nothing here polls the UI.
 */
export class DeviceStates {
  private readonly views = new Map<string, DeviceView>();
  private readonly unknown = new Map<string, number>();
  /**
   * When each device was last heard from in any other way than a reading: an HJ 212 monitor's
   * minute/hour means. They keep the link online and the offline alarm quiet, but are not "last
   * data" — an hour-old mean shown as the latest value would mislead.
   */
  private readonly contactAt = new Map<string, number>();

  constructor(
    devices: DeviceConfig[],
    private readonly onChange: (device: DeviceView) => void,
    private readonly now: () => number = Date.now,
  ) {
    for (const d of devices) {
      this.views.set(d.id, {
        id: d.id,
        kind: d.kind,
        name: d.name,
        status: 'unknown',
        lastSeen: null,
        expectedIntervalS: d.expectedIntervalS,
        lastValues: null,
        badPayloads: 0,
        ...(d.position ? { position: d.position } : {}),
        ...(d.building !== undefined ? { building: d.building } : {}),
        ...(d.model !== undefined ? { model: d.model } : {}),
        ...(d.supplier !== undefined ? { supplier: d.supplier } : {}),
        ...(d.serial !== undefined ? { serial: d.serial } : {}),
        ...(d.installedOn !== undefined ? { installedOn: d.installedOn } : {}),
        ...(d.calibratedOn !== undefined ? { calibratedOn: d.calibratedOn } : {}),
      });
    }
  }

  has(deviceId: string): boolean {
    return this.views.has(deviceId);
  }

  /** Its model or supplier is on the regulator's blacklist (set by core/registry). */
  isBlacklisted(deviceId: string): boolean {
    return this.views.get(deviceId)?.blacklisted === true;
  }

  kindOf(deviceId: string): DeviceView['kind'] | undefined {
    return this.views.get(deviceId)?.kind;
  }

  accept(record: TelemetryRecord): void {
    const view = this.views.get(record.deviceId);
    if (!view) return;
    // Receive time, not the device clock: a device with a wrong clock is still online.
    view.lastSeen = this.now();
    view.lastValues = record.values as unknown as Record<string, unknown>;
    // Values travel as telemetry events; a device event is pushed only when the link state changes.
    if (view.status !== 'online') {
      view.status = 'online';
      this.onChange({ ...view });
    }
  }

  /** The device was heard from (interval data): link online, values and "last data" untouched. */
  contact(deviceId: string): void {
    const view = this.views.get(deviceId);
    if (!view) return;
    this.contactAt.set(deviceId, this.now());
    if (view.status !== 'online') {
      view.status = 'online';
      this.onChange({ ...view });
    }
  }

  /** When the device was last heard from at all (a reading or other contact); null for never. */
  lastHeard(deviceId: string): number | null {
    const seen = this.views.get(deviceId)?.lastSeen ?? null;
    const contact = this.contactAt.get(deviceId) ?? null;
    return seen === null ? contact : contact === null ? seen : Math.max(seen, contact);
  }

  reject(deviceId: string, reason: string): void {
    const view = this.views.get(deviceId);
    if (!view) return;
    view.badPayloads++;
    view.lastError = reason;
    this.onChange({ ...view });
  }

  /** Records a device id seen on the wire that the site file does not list. */
  noteUnknown(deviceId: string): boolean {
    const first = !this.unknown.has(deviceId);
    if (first && this.unknown.size >= 1000) return false; // bounded: a misconfigured fleet must not grow memory
    this.unknown.set(deviceId, this.now());
    return first;
  }

  unknownDevices(): string[] {
    return [...this.unknown.keys()];
  }

  /** Marks silent devices offline; call about once a second. */
  sweep(): void {
    const now = this.now();
    for (const view of this.views.values()) {
      const heard = this.lastHeard(view.id);
      if (view.status !== 'online' || heard === null) continue;
      if (now - heard > OFFLINE_AFTER_INTERVALS * view.expectedIntervalS * 1000) {
        view.status = 'offline';
        this.onChange({ ...view });
      }
    }
  }

  /**
   * Registry fields (core/registry) and blacklist state, applied live: pushes a `device` event
   * when anything changed. Returns the new view; null for an unknown device.
   */
  setRegistry(deviceId: string, identity: DeviceIdentity, blacklistReason: string | null): DeviceView | null {
    const view = this.views.get(deviceId);
    if (!view) return null;
    const before = JSON.stringify(view);
    const record = view as unknown as Record<string, unknown>;
    for (const key of ['model', 'supplier', 'serial', 'installedOn', 'calibratedOn', 'position'] as const) {
      if (identity[key] === undefined) delete record[key];
      else record[key] = identity[key];
    }
    view.name = identity.name;
    view.expectedIntervalS = identity.expectedIntervalS;
    if (blacklistReason === null) {
      delete view.blacklisted;
      delete view.blacklistReason;
    } else {
      view.blacklisted = true;
      view.blacklistReason = blacklistReason;
    }
    if (JSON.stringify(view) !== before) this.onChange({ ...view });
    return { ...view };
  }

  /** Out-of-service mark (alarms suppressed by design); pushes a `device` event. */
  setOutOfService(deviceId: string, mark: DeviceView['outOfService'] | null): DeviceView | null {
    const view = this.views.get(deviceId);
    if (!view) return null;
    if (mark) view.outOfService = mark;
    else delete view.outOfService;
    this.onChange({ ...view });
    return { ...view };
  }

  list(): DeviceView[] {
    return [...this.views.values()].map((v) => ({ ...v }));
  }
}
