import type { DeviceView } from '../../common/site.js';
import type { DeviceStates } from '../devices/device-states.js';
import type { Database } from '../store/database.js';
import type { AlarmEngine } from './alarm-engine.js';

interface Row {
  device_id: string;
  reason: string;
  set_by: string;
  set_at: number;
}

/**
 * Devices out of service: ISA-18.2 "suppressed by design" for every alarm of the device (a crane
 * being climbed raises tilt and offline alarms nobody should act on). Kept in SQLite so a restart
 * does not bring back a flood of alarms from equipment under repair.
 */
export class OutOfServiceRegister {
  constructor(
    private readonly db: Database,
    private readonly engine: AlarmEngine,
    private readonly devices: DeviceStates,
  ) {}

  /** Re-applies the stored marks (call after the engine restored its alarms). */
  restore(now = Date.now()): void {
    for (const row of this.db.prepare('SELECT * FROM device_service_state').all() as Row[]) {
      this.engine.suppressDevice(row.device_id, `out of service: ${row.reason}`, now);
      this.devices.setOutOfService(row.device_id, { reason: row.reason, by: row.set_by, at: row.set_at });
    }
  }

  set(deviceId: string, outOfService: boolean, reason: string, by: string, now = Date.now()): DeviceView | null {
    if (outOfService) {
      this.db
        .prepare('INSERT INTO device_service_state (device_id, reason, set_by, set_at) VALUES (?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at')
        .run(deviceId, reason, by, now);
      this.engine.suppressDevice(deviceId, `out of service: ${reason}`, now);
      return this.devices.setOutOfService(deviceId, { reason, by, at: now });
    }
    this.db.prepare('DELETE FROM device_service_state WHERE device_id = ?').run(deviceId);
    this.engine.unsuppressDevice(deviceId, now);
    return this.devices.setOutOfService(deviceId, null);
  }
}
