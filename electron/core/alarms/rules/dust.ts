/**
 * Dust and noise conditions for one monitor. Unlike the crane and hoist rules these need
 * history (window means), so each monitor has one `DustMonitorRules` holding its rolling windows;
 * `evaluate` is otherwise a plain function of the readings fed so far and the preset.
 */
import type { DustReading } from '../../../common/telemetry.js';
import type { ConditionEvaluation } from '../alarm-types.js';
import * as D from '../defaults.js';
import { highLimit } from './condition.js';
import { DUST_PRESETS, type DailyExceedanceRule, type DustPreset, type DustPresetId, type Pollutant } from './dust-presets.js';
import { noiseLimitAt, NoiseMeter, type NoiseRuleConfig } from './noise.js';
import { RollingWindow } from './rolling-window.js';
import { siteLocalTime } from './site-clock.js';

export interface DustRuleConfig {
  preset: DustPresetId | DustPreset;
  /** IANA zone of the site (day/night noise limits, daily counts). */
  timeZone: string;
  /** Noise limits; null turns noise checks off. */
  noise: NoiseRuleConfig | null;
}

const POLLUTANT_LABEL: Record<Pollutant, string> = { pm10: 'PM10', pm25: 'PM2.5', tsp: 'TSP' };

/** Longest window any preset uses: 24 h of minute buckets. */
const MAX_WINDOW_MIN = 1440;

export class DustMonitorRules {
  private readonly preset: DustPreset;
  private readonly windows: Record<Pollutant, RollingWindow>;
  private readonly noise: NoiseMeter | null;
  private readonly daily: DailyExceedanceCounter | null;

  constructor(
    readonly deviceId: string,
    private readonly config: DustRuleConfig,
  ) {
    this.preset = typeof config.preset === 'string' ? DUST_PRESETS[config.preset] : config.preset;
    const longest = Math.min(MAX_WINDOW_MIN, Math.max(1, ...this.preset.limits.map((l) => l.windowMin)));
    this.windows = { pm10: new RollingWindow(longest), pm25: new RollingWindow(longest), tsp: new RollingWindow(longest) };
    this.noise = config.noise ? new NoiseMeter(config.noise) : null;
    this.daily = this.preset.dailyExceedance ? new DailyExceedanceCounter(this.preset.dailyExceedance, config.timeZone) : null;
  }

  evaluate(reading: DustReading, ts: number): ConditionEvaluation[] {
    for (const p of ['pm10', 'pm25', 'tsp'] as const) {
      const v = reading[p];
      if (v !== undefined) this.windows[p].add(ts, v);
    }
    const out: ConditionEvaluation[] = [];
    for (const limit of this.preset.limits) {
      const m = this.windows[limit.pollutant].mean(ts, limit.windowMin);
      // Too little data in the window: judge nothing (an offline alarm covers a silent monitor).
      if (!m || m.minutes < limit.minMinutes) continue;
      const label = POLLUTANT_LABEL[limit.pollutant];
      out.push(
        highLimit({
          conditionKey: `${this.deviceId}:${limit.id}`,
          sourceDevice: this.deviceId,
          priority: limit.priority,
          message: `${label} ${formatWindow(limit.windowMin)} mean ${m.mean.toFixed(0)} µg/m³ > ${limit.limit} (${this.preset.name}): ${limit.action}`,
          text: { key: `dust.${this.preset.id}.${limit.id}`, params: { pollutant: label, window: limit.windowMin, value: m.mean.toFixed(0), limit: limit.limit } },
          unit: 'µg/m³',
          value: m.mean,
          limit: limit.limit,
          deadband: 0,
          inclusive: false,
          ...(limit.clearBelow === undefined ? {} : { clearBelow: limit.clearBelow }),
          onDelayMs: D.DUST_ON_DELAY_MS,
          offDelayMs: D.DUST_OFF_DELAY_MS,
        }),
      );
    }
    if (this.daily && reading[this.daily.rule.pollutant] !== undefined) {
      out.push(this.daily.evaluate(this.deviceId, reading[this.daily.rule.pollutant] as number, ts));
    }
    if (this.noise && reading.noiseDb !== undefined) {
      const leq = this.noise.add(ts, reading.noiseDb);
      if (leq && leq.minutes >= this.noise.config.minMinutes) {
        const { limit, period } = noiseLimitAt(ts, this.config.timeZone, this.noise.config);
        out.push(
          highLimit({
            conditionKey: `${this.deviceId}:noise`,
            sourceDevice: this.deviceId,
            priority: 'medium',
            message: `Noise Leq ${leq.leq.toFixed(1)} dB(A) over ${this.noise.config.leqWindowMin} min > ${period} limit ${limit} dB(A) (GB 12523-2011)`,
            text: { key: `noise.${period}`, params: { value: leq.leq.toFixed(1), window: this.noise.config.leqWindowMin, limit } },
            unit: 'dB(A)',
            value: Math.round(leq.leq * 10) / 10,
            limit,
            deadband: this.noise.config.deadbandDba,
            inclusive: false,
            onDelayMs: 0,
            offDelayMs: 0,
          }),
        );
      }
    }
    return out;
  }
}

/**
 * Counts clock hours (site time) whose mean is above the limit. An hour is judged when the
 * first reading of the next hour arrives; the count is per site-local day.
 */
class DailyExceedanceCounter {
  private hourKey = '';
  private hourDay = '';
  private sum = 0;
  private count = 0;
  private minutes = 0;
  private lastMinute = -1;
  private readonly perDay = new Map<string, number>();

  constructor(
    readonly rule: DailyExceedanceRule,
    private readonly timeZone: string,
  ) {}

  evaluate(deviceId: string, value: number, ts: number): ConditionEvaluation {
    const local = siteLocalTime(ts, this.timeZone);
    const key = `${local.day}T${local.hour}`;
    if (key !== this.hourKey) {
      this.closeHour();
      this.hourKey = key;
      this.hourDay = local.day;
    }
    this.sum += value;
    this.count++;
    const minute = Math.floor(ts / 60_000);
    if (minute !== this.lastMinute) {
      this.minutes++;
      this.lastMinute = minute;
    }
    const today = this.perDay.get(local.day) ?? 0;
    return highLimit({
      conditionKey: `${deviceId}:${this.rule.id}`,
      sourceDevice: deviceId,
      priority: this.rule.priority,
      message: `${today} hours today with ${POLLUTANT_LABEL[this.rule.pollutant]} above ${this.rule.limit} µg/m³; ${this.rule.allowedPerDay} allowed`,
      text: { key: 'dust.dailyExceedances', params: { hours: today, pollutant: POLLUTANT_LABEL[this.rule.pollutant], limit: this.rule.limit, allowed: this.rule.allowedPerDay } },
      unit: 'h',
      value: today,
      limit: this.rule.allowedPerDay,
      deadband: 0,
      inclusive: false,
      onDelayMs: 0,
      offDelayMs: 0,
    });
  }

  private closeHour(): void {
    if (this.hourKey && this.minutes >= this.rule.minMinutesPerHour && this.sum / this.count > this.rule.limit) {
      this.perDay.set(this.hourDay, (this.perDay.get(this.hourDay) ?? 0) + 1);
      // Keep today and yesterday only.
      while (this.perDay.size > 2) this.perDay.delete(this.perDay.keys().next().value as string);
    }
    this.sum = 0;
    this.count = 0;
    this.minutes = 0;
    this.lastMinute = -1;
  }
}

function formatWindow(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440 === 1 ? '24-hour' : `${minutes / 1440}-day`}`;
  if (minutes % 60 === 0) return `${minutes / 60}-hour`;
  return `${minutes}-minute`;
}

