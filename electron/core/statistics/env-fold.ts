/**
 * Dust and noise by the hour, from the 1-minute rollups (telemetry_minute) and, where the monitor
 * sent them, its own HJ 212-2017 hourly means (CN 2061, interval_aggregates), which take
 * precedence: the hourly judgement the Hebei preset asks for is of the monitor's hourly mean. An
 * hour is judged once it has ended (plus a grace for late batches) and has enough minutes
 * (HOURLY_MIN_MINUTES, as the alarm rules ask); its mean and verdict go to `stat_env_hours` and
 * the daily counters. The daily mean is the mean of the day's hourly means (GB 3095-2012 §4.4
 * reads a 24-hour mean from the day's hourly values). Noise is an energy mean, never an arithmetic
 * one (env-limits.ts `leqOf`): an hour's Leq from its minutes (each minute's mean level weighted by
 * its readings: exact when a monitor sends one Leq a minute, as most do), or the monitor's own
 * hourly LA/Leq; the day adds each hour's sound energy to `env.noise.energy.day` or
 * `env.noise.energy.night` (GB 12523-2011: night 22:00–06:00), so the figures read day-time and
 * night-time Leq as 10·lg(sum / count). `env.noise` keeps the hourly levels themselves.
 * Each device's watermark is the next hour to judge; a step judges at most `HOURS_PER_STEP` hours.
 */
import type { DustPresetId } from '../alarms/rules/dust-presets.js';
import { HOURLY_MIN_MINUTES } from '../alarms/defaults.js';
import type { Database } from '../store/database.js';
import { siteLocal } from '../workforce/attendance-clock.js';
import { buildingDims, DailyCounters, Watermarks } from './daily-counters.js';
import { ENV_HJ212_CODES, ENV_METRIC, ENV_POLLUTANTS, hourlyLimit, isNoiseNight, leqOf, soundEnergy } from './env-limits.js';

const HOUR_MS = 3_600_000;
/** Watermark name prefix: `env:DEVICE` holds the start of the next hour to judge for that monitor (hours are judged in order per device). */
export const ENV_JUDGED_MARK_PREFIX = 'env:';
/** Minutes of rollups still coming in after an hour ends (the writer flushes every 200 ms; a device may send late). */
export const ENV_GRACE_MS = 5 * 60_000;
export const HOURS_PER_STEP = 500;

export interface EnvFoldDeps {
  db: Database;
  timeZone: () => string;
  preset: () => DustPresetId;
  dustDevices: () => string[];
  /** The building a monitor serves (null: none): its hours over the limit also count there. */
  buildingOf?: (deviceId: string) => string | null;
}

export class EnvFold {
  private readonly counters: DailyCounters;
  private readonly marks: Watermarks;
  private readonly minutes;
  private readonly minuteLevels;
  private readonly firstMinute;
  private readonly hj212;
  private readonly insertHour;
  private readonly judge: (deviceId: string, hours: number[]) => void;

  constructor(private readonly deps: EnvFoldDeps) {
    const { db } = deps;
    this.counters = new DailyCounters(db);
    this.marks = new Watermarks(db);
    this.minutes = db.prepare<[string, string, number, number], { n: number; sum: number | null; count: number | null }>(
      'SELECT count(*) AS n, sum(sum) AS sum, sum(count) AS count FROM telemetry_minute WHERE device_id = ? AND metric = ? AND minute >= ? AND minute < ?',
    );
    this.minuteLevels = db.prepare<[string, number, number], { sum: number; count: number }>(
      "SELECT sum, count FROM telemetry_minute WHERE device_id = ? AND metric = 'noiseDb' AND minute >= ? AND minute < ? AND count > 0",
    );
    this.firstMinute = db.prepare<[string, number], { minute: number | null }>(
      "SELECT min(minute) AS minute FROM telemetry_minute WHERE device_id = ? AND metric IN ('pm10', 'pm25', 'tsp', 'noiseDb') AND minute >= ?",
    );
    this.hj212 = db.prepare<[string, number], { code: string; avg: number | null; flag: string | null }>(
      "SELECT code, avg, flag FROM interval_aggregates WHERE device_id = ? AND kind = 'hour' AND data_time = ?",
    );
    this.insertHour = db.prepare(
      `INSERT OR REPLACE INTO stat_env_hours (device_id, pollutant, hour, day, mean, minutes, source, limit_value, over)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.judge = db.transaction((deviceId: string, hours: number[]) => {
      for (const hour of hours) this.judgeHour(deviceId, hour);
      this.counters.flush();
      this.marks.set(`${ENV_JUDGED_MARK_PREFIX}${deviceId}`, hours[hours.length - 1]! + HOUR_MS);
    });
  }

  /** Judges the ended hours of every dust monitor not judged yet (at most HOURS_PER_STEP each); returns how many. */
  step(now: number): number {
    let judged = 0;
    const lastEnded = Math.floor((now - ENV_GRACE_MS) / HOUR_MS) * HOUR_MS - HOUR_MS;
    for (const deviceId of this.deps.dustDevices()) {
      let next = this.marks.get(`${ENV_JUDGED_MARK_PREFIX}${deviceId}`);
      if (next === null) {
        const first = this.firstMinute.get(deviceId, 0)?.minute ?? null;
        if (first === null) continue;
        next = Math.floor(first / HOUR_MS) * HOUR_MS;
      }
      const hours: number[] = [];
      for (let h = next; h <= lastEnded && hours.length < HOURS_PER_STEP; h += HOUR_MS) hours.push(h);
      if (hours.length === 0) continue;
      this.judge(deviceId, hours);
      judged += hours.length;
    }
    return judged;
  }

  private judgeHour(deviceId: string, hour: number): void {
    const tz = this.deps.timeZone();
    const local = siteLocal(hour, tz);
    const localHour = Math.floor(local.minute / 60);
    const reported = this.hj212.all(deviceId, hour);
    for (const pollutant of ENV_POLLUTANTS) {
      const own = reported.find((r) => ENV_HJ212_CODES[pollutant].includes(r.code) && r.avg !== null && (r.flag === null || r.flag === 'N'));
      let mean: number;
      let minutes: number;
      let source: string;
      if (own) {
        mean = own.avg!;
        minutes = 60;
        source = 'hj212-hour';
      } else {
        const m = this.minutes.get(deviceId, ENV_METRIC[pollutant], hour, hour + HOUR_MS);
        if (!m || m.n < HOURLY_MIN_MINUTES || !m.count) continue;
        mean = pollutant === 'noise' ? this.minuteLeq(deviceId, hour) : m.sum! / m.count;
        minutes = m.n;
        source = 'minute-rollups';
      }
      const limit = hourlyLimit(this.deps.preset(), pollutant, localHour);
      const over = limit !== null && mean > limit ? 1 : 0;
      this.insertHour.run(deviceId, pollutant, hour, local.day, mean, minutes, source, limit, over);
      this.counters.add(`env.${pollutant}`, [`device:${deviceId}`], local.day, mean);
      if (pollutant === 'noise') this.counters.add(`env.noise.energy.${isNoiseNight(localHour) ? 'night' : 'day'}`, [`device:${deviceId}`], local.day, soundEnergy(mean));
      this.counters.add(`env.${pollutant}.over`, [`device:${deviceId}`, ...buildingDims([deviceId], this.deps.buildingOf ?? (() => null))], local.day, over);
    }
  }

  /** The hour's Leq from its minutes: each minute's mean level weighted by its readings. */
  private minuteLeq(deviceId: string, hour: number): number {
    const levels = this.minuteLevels.all(deviceId, hour, hour + HOUR_MS).map((r) => ({ level: r.sum / r.count, weight: r.count }));
    return leqOf(levels)!;
  }
}
