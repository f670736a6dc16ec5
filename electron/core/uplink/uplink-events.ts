import type { AlarmEvent } from '../../common/alarms.js';
import type { AlarmEventBody, ExceedanceBody, RectificationBody } from '../../common/supervision.js';
import type { Database } from '../store/database.js';
import { ENV_JUDGED_MARK_PREFIX } from '../statistics/env-fold.js';

/** Alarm event types the platform hears about, and the state each one means. */
const ALARM_STATES: Partial<Record<AlarmEvent['type'], AlarmEventBody['state']>> = {
  activated: 'raised',
  acknowledged: 'acknowledged',
  'returned-to-normal': 'cleared',
  reset: 'cleared',
  shelved: 'shelved',
};

/** An alarm's state change as the uplink sends it; null for events the platform does not follow (comments, escalations…). */
export function alarmEventBody(event: AlarmEvent, deviceName: (id: string) => string): AlarmEventBody | null {
  const state = ALARM_STATES[event.type];
  if (!state) return null;
  const body: AlarmEventBody = {
    alarmId: event.alarmId,
    deviceId: event.sourceDevice,
    deviceName: deviceName(event.sourceDevice),
    priority: event.priority,
    text: event.alarm.message,
    state,
    at: event.at,
  };
  if (event.actor.role !== 'system') body.by = event.actor.user;
  return body;
}

const UNITS: Record<ExceedanceBody['quantity'], string> = { pm10: 'µg/m³', pm25: 'µg/m³', tsp: 'µg/m³', noise: 'dB(A)' };
/** Rows read per poll at most (a backlog after a long stop goes out over several polls). */
const POLL_LIMIT = 500;
const HOUR_MS = 3_600_000;

/**
 * The facts the statistics and quality areas store, read forward from a watermark kept in
 * `stat_watermarks` and enqueued in the SAME transaction as the watermark moves: each
 * exceedance hour (stat_env_hours, over its limit) and each rectification notice step
 * (q_notice_log) goes up exactly once, also across restarts. A fresh site starts at what exists
 * (no backfill of its past).
 */
export class UplinkEventFeed {
  constructor(
    private readonly db: Database,
    private readonly enqueue: (kind: 'exceedance' | 'rectification', body: ExceedanceBody | RectificationBody) => void,
    private readonly deviceName: (id: string) => string,
  ) {}

  /** Reads what is new since the last poll and enqueues it; returns how many messages it enqueued. */
  poll(): number {
    return this.db.transaction(() => this.exceedances() + this.rectifications())();
  }

  private watermark(name: string, initial: () => number): number {
    const row = this.db.prepare('SELECT value FROM stat_watermarks WHERE name = ?').get(name) as { value: number } | undefined;
    if (row) return row.value;
    const value = initial();
    this.setWatermark(name, value);
    return value;
  }

  private setWatermark(name: string, value: number): void {
    this.db.prepare('INSERT INTO stat_watermarks (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(name, value);
  }

  /**
   * Hours judged over their limit, per dust monitor: hours are judged in order per device but not
   * across devices (one monitor's late data is judged after another's newer hours), so each device
   * has its own watermark, `uplink.env-hours:DEVICE` = the newest of its judged hours seen. The
   * devices and how far each is judged come from the statistics fold's marks. `uplink.env-hours`
   * is where the feed started (a fresh site does not backfill its past; a device first judged later
   * starts there, so its first hours go up too).
   */
  private exceedances(): number {
    const start = this.watermark('uplink.env-hours', () => (this.db.prepare('SELECT coalesce(max(hour), 0) AS h FROM stat_env_hours').get() as { h: number }).h);
    const judged = this.db
      .prepare("SELECT substr(name, ?) AS device, value FROM stat_watermarks WHERE name >= ? AND name < ? ORDER BY name")
      .all(ENV_JUDGED_MARK_PREFIX.length + 1, ENV_JUDGED_MARK_PREFIX, `${ENV_JUDGED_MARK_PREFIX}\uffff`) as Array<{ device: string; value: number }>;
    const rowsOf = this.db.prepare(
      'SELECT device_id, pollutant, hour, mean, limit_value FROM stat_env_hours WHERE device_id = ? AND hour > ? AND hour < ? AND over = 1 ORDER BY hour, pollutant LIMIT ?',
    );
    let sent = 0;
    for (const { device, value: nextToJudge } of judged) {
      if (sent >= POLL_LIMIT) break;
      const name = `uplink.env-hours:${device}`;
      const from = this.watermark(name, () => start);
      const newest = nextToJudge - HOUR_MS;
      if (newest <= from) continue;
      const limit = POLL_LIMIT - sent;
      const rows = rowsOf.all(device, from, nextToJudge, limit) as Array<{ device_id: string; pollutant: ExceedanceBody['quantity']; hour: number; mean: number; limit_value: number }>;
      for (const r of rows) {
        this.enqueue('exceedance', {
          deviceId: r.device_id,
          deviceName: this.deviceName(r.device_id),
          quantity: r.pollutant,
          value: Math.round(r.mean * 10) / 10,
          limit: r.limit_value,
          unit: UNITS[r.pollutant] ?? '',
          hourStart: r.hour,
        });
      }
      sent += rows.length;
      // A full page: continue from its last hour next time; otherwise this device is seen up to its newest judged hour.
      const next = rows.length === limit ? rows[rows.length - 1]!.hour - 1 : newest;
      if (next > from) this.setWatermark(name, next);
    }
    return sent;
  }

  /** Each step of a rectification notice (raised, acknowledged, answered, verified…), by its log seq. */
  private rectifications(): number {
    const name = 'uplink.notice-log';
    const from = this.watermark(name, () => (this.db.prepare('SELECT coalesce(max(seq), 0) AS s FROM q_notice_log').get() as { s: number }).s);
    const rows = this.db
      .prepare(
        `SELECT l.seq, l.state, l.at, n.number, n.external_ref, n.description, n.due_date FROM q_notice_log l
         JOIN q_notices n ON n.id = l.notice_id WHERE l.seq > ? ORDER BY l.seq LIMIT ?`,
      )
      .all(from, POLL_LIMIT) as Array<{ seq: number; state: string; at: number; number: string; external_ref: string | null; description: string; due_date: string }>;
    for (const r of rows) {
      const body: RectificationBody = { noticeId: r.number, title: r.description.slice(0, 200), state: r.state, dueDate: r.due_date, at: r.at };
      if (r.external_ref) body.externalRef = r.external_ref;
      this.enqueue('rectification', body);
    }
    if (rows.length > 0) this.setWatermark(name, rows[rows.length - 1]!.seq);
    return rows.length;
  }
}
