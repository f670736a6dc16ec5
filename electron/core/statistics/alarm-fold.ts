/**
 * Folds new alarm audit rows (by seq, the chain's own gap-free order) into `stat_alarms` (one row
 * per occurrence: raised, acknowledged by whom and when, cleared) and the daily counters:
 * raised per priority, quantity, device and building; crane overloads and anti-collision events per crane
 * and per operator; seconds to acknowledge and to clear (ISA-18.2 / EEMUA 191 response KPIs),
 * counted on the day the alarm was raised.
 */
import { SECURITY_CONDITION_KEY } from '../alarms/alarm-store.js';
import type { Database } from '../store/database.js';
import { siteLocal } from '../workforce/attendance-clock.js';
import { alarmKindOf } from './alarm-categories.js';
import { buildingDims, DailyCounters, Watermarks } from './daily-counters.js';

interface AuditRow {
  seq: number;
  at: number;
  event_type: string;
  alarm_id: string;
  condition_key: string;
  source_device: string;
  priority: string;
  actor: string;
  detail: string;
}

interface RaisedRow {
  day: string;
  raised_at: number;
  priority: string;
  source_device: string;
  acked_at: number | null;
  cleared_at: number | null;
}

export interface AlarmFoldDeps {
  db: Database;
  timeZone: () => string;
  deviceKind: (id: string) => string | undefined;
  /** Who drove the crane at `at` (null: not known). */
  operatorAt: (deviceId: string, at: number) => string | null;
  /** The building a device serves (null: none), for the `building:ID` dimension. */
  buildingOf?: (deviceId: string) => string | null;
}

const WATERMARK = 'alarm_audit.seq';
export const ALARM_FOLD_CHUNK = 5000;

export class AlarmFold {
  private readonly rows;
  private readonly insert;
  private readonly raised;
  private readonly ack;
  private readonly clear;
  private readonly counters: DailyCounters;
  private readonly marks: Watermarks;
  private readonly foldChunk: (rows: AuditRow[]) => void;

  constructor(private readonly deps: AlarmFoldDeps) {
    const { db } = deps;
    this.counters = new DailyCounters(db);
    this.marks = new Watermarks(db);
    this.rows = db.prepare<[number, number], AuditRow>(
      'SELECT seq, at, event_type, alarm_id, condition_key, source_device, priority, actor, detail FROM alarm_audit WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO stat_alarms (alarm_id, day, condition_key, source_device, quantity, category, priority, operator_id, raised_at, value, limit_value, message)
       VALUES (@alarmId, @day, @conditionKey, @sourceDevice, @quantity, @category, @priority, @operatorId, @raisedAt, @value, @limit, @message)`,
    );
    this.raised = db.prepare<[string], RaisedRow>('SELECT day, raised_at, priority, source_device, acked_at, cleared_at FROM stat_alarms WHERE alarm_id = ?');
    this.ack = db.prepare('UPDATE stat_alarms SET acked_at = ?, acked_by = ? WHERE alarm_id = ?');
    this.clear = db.prepare('UPDATE stat_alarms SET cleared_at = ? WHERE alarm_id = ?');
    this.foldChunk = db.transaction((rows: AuditRow[]) => {
      for (const row of rows) this.foldRow(row);
      this.counters.flush();
      this.marks.set(WATERMARK, rows[rows.length - 1]!.seq);
    });
  }

  /** Folds up to one chunk of new rows; returns how many were read. */
  step(): number {
    const rows = this.rows.all(this.marks.get(WATERMARK) ?? 0, ALARM_FOLD_CHUNK);
    if (rows.length > 0) this.foldChunk(rows);
    return rows.length;
  }

  private foldRow(row: AuditRow): void {
    if (row.condition_key === SECURITY_CONDITION_KEY) return;
    if (row.event_type === 'activated') return this.onRaised(row);
    if (row.event_type === 'acknowledged') return this.onAcknowledged(row);
    if (row.event_type === 'returned-to-normal' || row.event_type === 'reset') return this.onCleared(row);
  }

  private onRaised(row: AuditRow): void {
    const kind = alarmKindOf(row.condition_key, row.source_device, this.deps.deviceKind);
    const day = siteLocal(row.at, this.deps.timeZone()).day;
    const operators = kind.category === 'overload' || kind.category === 'collision' ? kind.devices.map((d) => this.deps.operatorAt(d, row.at)) : [null];
    const detail = parseDetail(row.detail);
    const inserted = this.insert.run({
      alarmId: row.alarm_id,
      day,
      conditionKey: row.condition_key,
      sourceDevice: row.source_device,
      quantity: kind.quantity,
      category: kind.category,
      priority: row.priority,
      operatorId: operators[0] ?? null,
      raisedAt: row.at,
      value: typeof detail.value === 'number' ? detail.value : null,
      limit: typeof detail.limit === 'number' ? detail.limit : null,
      message: typeof detail.message === 'string' ? detail.message : null,
    });
    if (inserted.changes === 0) return;
    const buildingOf = this.deps.buildingOf ?? (() => null);
    const dims = ['site', `device:${row.source_device}`, `priority:${row.priority}`, `quantity:${kind.quantity}`, ...buildingDims([row.source_device], buildingOf)];
    this.counters.add('alarms.raised', dims, day);
    if (kind.category === 'overload' || kind.category === 'collision') {
      const metric = kind.category === 'overload' ? 'equipment.overloads' : 'equipment.collisions';
      kind.devices.forEach((device, i) => {
        this.counters.add(metric, [`device:${device}`, `crew:${device}|${operators[i] ?? ''}`], day);
      });
      this.counters.add(metric, buildingDims(kind.devices, buildingOf), day);
    }
  }

  private onAcknowledged(row: AuditRow): void {
    const raised = this.raised.get(row.alarm_id);
    if (!raised || raised.acked_at !== null) return;
    this.ack.run(row.at, row.actor, row.alarm_id);
    const seconds = Math.max(0, (row.at - raised.raised_at) / 1000);
    this.counters.add('alarms.ackSeconds', ['site', `priority:${raised.priority}`, `device:${raised.source_device}`], raised.day, seconds);
  }

  private onCleared(row: AuditRow): void {
    const raised = this.raised.get(row.alarm_id);
    if (!raised || raised.cleared_at !== null) return;
    this.clear.run(row.at, row.alarm_id);
    const seconds = Math.max(0, (row.at - raised.raised_at) / 1000);
    this.counters.add('alarms.clearSeconds', ['site', `priority:${raised.priority}`, `device:${raised.source_device}`], raised.day, seconds);
  }
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
