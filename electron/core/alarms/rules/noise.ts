/**
 * Site-boundary noise against GB 12523-2011: the equivalent continuous level over 20 minutes,
 * compared with 70 dB(A) by day and 55 dB(A) by night (22:00–06:00 site time). Levels are
 * averaged as energy (10^(L/10)), never arithmetically: 60 and 80 dB average to 77 dB, not 70.
 */
import * as D from '../defaults.js';
import { RollingWindow } from './rolling-window.js';
import { siteLocalTime } from './site-clock.js';

export interface NoiseRuleConfig {
  dayLimitDba: number;
  nightLimitDba: number;
  /** Night runs from this local hour… */
  nightStartHour: number;
  /** …to this local hour (exclusive). */
  nightEndHour: number;
  leqWindowMin: number;
  minMinutes: number;
  deadbandDba: number;
}

export const DEFAULT_NOISE_RULES: NoiseRuleConfig = {
  dayLimitDba: D.NOISE_DAY_LIMIT_DBA,
  nightLimitDba: D.NOISE_NIGHT_LIMIT_DBA,
  nightStartHour: D.NOISE_NIGHT_START_HOUR,
  nightEndHour: D.NOISE_NIGHT_END_HOUR,
  leqWindowMin: D.NOISE_LEQ_WINDOW_MIN,
  minMinutes: D.NOISE_MIN_MINUTES,
  deadbandDba: D.NOISE_DEADBAND_DBA,
};

export function isNight(epochMs: number, timeZone: string, config: NoiseRuleConfig = DEFAULT_NOISE_RULES): boolean {
  const { hour } = siteLocalTime(epochMs, timeZone);
  return config.nightStartHour > config.nightEndHour
    ? hour >= config.nightStartHour || hour < config.nightEndHour
    : hour >= config.nightStartHour && hour < config.nightEndHour;
}

export function noiseLimitAt(epochMs: number, timeZone: string, config: NoiseRuleConfig = DEFAULT_NOISE_RULES): { limit: number; period: 'day' | 'night' } {
  return isNight(epochMs, timeZone, config) ? { limit: config.nightLimitDba, period: 'night' } : { limit: config.dayLimitDba, period: 'day' };
}

/** Energy-average of dB levels. */
export function energyMeanDb(levels: readonly number[]): number {
  const mean = levels.reduce((s, l) => s + 10 ** (l / 10), 0) / levels.length;
  return 10 * Math.log10(mean);
}

/** Rolling Leq over the configured window, minute buckets of sound energy. */
export class NoiseMeter {
  private readonly window: RollingWindow;

  constructor(readonly config: NoiseRuleConfig) {
    this.window = new RollingWindow(config.leqWindowMin);
  }

  add(ts: number, levelDba: number): { leq: number; minutes: number } | null {
    this.window.add(ts, 10 ** (levelDba / 10));
    const m = this.window.mean(ts, this.config.leqWindowMin);
    return m ? { leq: 10 * Math.log10(m.mean), minutes: m.minutes } : null;
  }
}
