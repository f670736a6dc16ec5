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

  constructor(db: Database) {
    // Newest `limit` in the window, returned oldest first for charts.
    this.range = db.prepare<[string, number, number, number], Row>(
      `SELECT * FROM (SELECT device_id, kind, ts, payload FROM telemetry
         WHERE device_id = ? AND ts >= ? AND ts <= ? ORDER BY ts DESC LIMIT ?) ORDER BY ts ASC`,
    );
  }

  between(deviceId: string, fromMs: number, toMs: number, limit: number): TelemetryRecord[] {
    return this.range.all(deviceId, fromMs, toMs, limit).map((row) => ({
      deviceId: row.device_id,
      kind: row.kind as DeviceKind,
      ts: row.ts,
      values: JSON.parse(row.payload) as TelemetryRecord['values'],
    }));
  }
}
