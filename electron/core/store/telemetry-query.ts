import type { DeviceKind } from '../../common/device-kinds.js';
import type { TelemetryRecord } from '../../common/telemetry.js';
import type { Database } from './database.js';

interface Row {
  device_id: string;
  kind: string;
  ts: number;
  payload: string;
}

/** Reads stored readings of one device, oldest first, using the (device_id, ts) index. */
export class TelemetryQuery {
  private readonly range;

  constructor(private readonly db: Database) {
    // Newest `limit` in the window, returned oldest first for charts.
    this.range = db.prepare<[string, number, number, number], Row>(
      `SELECT * FROM (SELECT device_id, kind, ts, payload FROM telemetry
         WHERE device_id = ? AND ts >= ? AND ts <= ? ORDER BY ts DESC LIMIT ?) ORDER BY ts ASC`,
    );
  }

  /** Every reading of one kind since a time, oldest first (e.g. gate passages to rebuild the roster). */
  kindSince(kind: DeviceKind, fromMs: number): TelemetryRecord[] {
    return this.db
      .prepare<[string, number], Row>('SELECT device_id, kind, ts, payload FROM telemetry WHERE kind = ? AND ts >= ? ORDER BY ts ASC')
      .all(kind, fromMs)
      .map(toRecord);
  }

  between(deviceId: string, fromMs: number, toMs: number, limit: number): TelemetryRecord[] {
    return this.range.all(deviceId, fromMs, toMs, limit).map(toRecord);
  }
}

function toRecord(row: Row): TelemetryRecord {
  return { deviceId: row.device_id, kind: row.kind as DeviceKind, ts: row.ts, values: JSON.parse(row.payload) as TelemetryRecord['values'] };
}
