/** SQLite side of the device registry (migration 6): overrides, their change log, the blacklist. */
import type { BlacklistEntry, DeviceChange } from '../../common/api.js';
import type { Database } from '../store/database.js';
import type { DeviceOverride, FieldChanges } from './device-overrides.js';

/** Who made a change, as the change log records it. */
export interface RegistryActor {
  user: string;
  role: string;
}

interface BlacklistRow {
  id: number;
  model: string | null;
  supplier: string | null;
  reason: string;
  created_by: string;
  created_at: number;
}

export class RegistryStore {
  constructor(private readonly db: Database) {}

  loadOverrides(): Map<string, DeviceOverride> {
    const rows = this.db.prepare<[], { device_id: string; fields: string }>('SELECT device_id, fields FROM device_overrides').all();
    return new Map(rows.map((r) => [r.device_id, JSON.parse(r.fields) as DeviceOverride]));
  }

  /** Stores the device's whole override and the change log row in one transaction. */
  saveOverride(deviceId: string, override: DeviceOverride, changes: FieldChanges, actor: RegistryActor, at: number): void {
    this.db.transaction(() => {
      if (Object.keys(override).length === 0) {
        this.db.prepare('DELETE FROM device_overrides WHERE device_id = ?').run(deviceId);
      } else {
        this.db
          .prepare(
            `INSERT INTO device_overrides (device_id, fields, updated_by, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (device_id) DO UPDATE SET fields = excluded.fields, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
          )
          .run(deviceId, JSON.stringify(override), actor.user, at);
      }
      this.db
        .prepare('INSERT INTO device_changes (device_id, at, actor, actor_role, changes) VALUES (?, ?, ?, ?, ?)')
        .run(deviceId, at, actor.user, actor.role, JSON.stringify(changes));
    })();
  }

  changesOf(deviceId: string, limit = 50): DeviceChange[] {
    return this.db
      .prepare<[string, number], { seq: number; device_id: string; at: number; actor: string; actor_role: string; changes: string }>(
        'SELECT seq, device_id, at, actor, actor_role, changes FROM device_changes WHERE device_id = ? ORDER BY seq DESC LIMIT ?',
      )
      .all(deviceId, limit)
      .map((r) => ({ seq: r.seq, deviceId: r.device_id, at: r.at, actor: r.actor, actorRole: r.actor_role, changes: JSON.parse(r.changes) as DeviceChange['changes'] }));
  }

  /** Entries in force, newest first. */
  blacklist(): BlacklistEntry[] {
    return this.db
      .prepare<[], BlacklistRow>('SELECT id, model, supplier, reason, created_by, created_at FROM blacklist WHERE removed_at IS NULL ORDER BY id DESC')
      .all()
      .map(toEntry);
  }

  addBlacklistEntry(entry: { model: string | null; supplier: string | null; reason: string }, actor: RegistryActor, at: number): BlacklistEntry {
    const info = this.db
      .prepare('INSERT INTO blacklist (model, supplier, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(entry.model, entry.supplier, entry.reason, actor.user, at);
    return { id: Number(info.lastInsertRowid), model: entry.model, supplier: entry.supplier, reason: entry.reason, createdBy: actor.user, createdAt: at };
  }

  /** Marks an entry lifted; false when there is no such entry in force. */
  removeBlacklistEntry(id: number, actor: RegistryActor, at: number): boolean {
    return this.db.prepare('UPDATE blacklist SET removed_by = ?, removed_at = ? WHERE id = ? AND removed_at IS NULL').run(actor.user, at, id).changes === 1;
  }
}

function toEntry(r: BlacklistRow): BlacklistEntry {
  return { id: r.id, model: r.model, supplier: r.supplier, reason: r.reason, createdBy: r.created_by, createdAt: r.created_at };
}
