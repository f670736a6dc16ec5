import type { DeviceKind } from '../../common/device-kinds.js';
import type { TelemetryRecord } from '../../common/telemetry.js';
import { checkReading } from '../devices/reading-schemas.js';
import type { DeviceStates } from '../devices/device-states.js';
import { RateLimitedLog, type Logger } from '../log/logger.js';
import type { TelemetryWriter } from '../store/telemetry-writer.js';
import { DuplicateFilter } from './duplicate-filter.js';
import type { LiveHub } from './live-hub.js';

/** A reading as a protocol adapter delivers it: values not yet validated. */
export interface IncomingReading {
  deviceId: string;
  /** The kind the wire claims (MQTT topic segment, HJ 212 system code). */
  kind: DeviceKind;
  ts: number;
  values: unknown;
  /** Which adapter it came from, for logs: `mqtt`, `hj212`… */
  via: string;
  /**
   * Whether `ts` is the device's own timestamp. Only then can a resent reading be recognised: a
   * reading stamped on arrival is new even when its values repeat within the same millisecond.
   */
  deviceTime?: boolean;
}

export interface IngestStats {
  accepted: number;
  rejected: number;
  unknownDevice: number;
  /** Readings dropped because the same one (device, ts, values) was just stored. */
  duplicates: number;
}

/**
 * The one path every protocol adapter feeds: check the device is registered, validate the values
 * for its kind, then store, update live state, and push to UIs. Bad input is counted and logged at
 * most once a minute per device; nothing here throws back into an adapter.
 */
export class IngestPipeline {
  private readonly stats: IngestStats = { accepted: 0, rejected: 0, unknownDevice: 0, duplicates: 0 };
  private readonly duplicates = new DuplicateFilter();
  private readonly rateLimited: RateLimitedLog;

  constructor(
    private readonly devices: DeviceStates,
    private readonly writer: TelemetryWriter,
    private readonly hub: LiveHub,
    private readonly log: Logger,
    private readonly observers: ((record: TelemetryRecord) => void)[] = [],
  ) {
    this.rateLimited = new RateLimitedLog(log);
  }

  ingest(reading: IncomingReading): boolean {
    const registeredKind = this.devices.kindOf(reading.deviceId);
    if (!registeredKind) {
      this.stats.unknownDevice++;
      if (this.devices.noteUnknown(reading.deviceId)) {
        this.log.warn('message from a device the site file does not list', { deviceId: reading.deviceId, via: reading.via });
      }
      return false;
    }
    if (registeredKind !== reading.kind) {
      return this.rejectReading(reading.deviceId, `sent as ${reading.kind}, but registered as ${registeredKind}`, reading.via);
    }
    const check = checkReading(reading.kind, reading.values);
    if (!check.ok) return this.rejectReading(reading.deviceId, check.reason, reading.via);

    if (reading.deviceTime !== false && this.duplicates.seen(reading.deviceId, reading.ts, check.values)) {
      this.stats.duplicates++;
      return false;
    }
    const record: TelemetryRecord = { deviceId: reading.deviceId, kind: reading.kind, ts: reading.ts, values: check.values };
    this.writer.enqueue(record);
    this.devices.accept(record);
    this.hub.publish({ type: 'telemetry', record });
    for (const observe of this.observers) observe(record);
    this.stats.accepted++;
    return true;
  }

  /** A registered device was heard from without a reading (HJ 212 interval data): it is online. */
  noteContact(deviceId: string): void {
    this.devices.contact(deviceId);
  }

  /** A message whose device is known but whose payload could not even be parsed. */
  rejectReading(deviceId: string, reason: string, via: string): false {
    this.stats.rejected++;
    this.devices.reject(deviceId, reason);
    this.rateLimited.warn(`bad:${deviceId}`, 'bad payload rejected', { deviceId, reason, via });
    return false;
  }

  getStats(): IngestStats {
    return { ...this.stats };
  }
}
