/**
 * The limits dust and noise hours and days are judged against, from the site's dust preset
 * (electron/core/alarms/rules/dust-presets.ts) and GB 12523-2011 for noise at the site boundary:
 * 70 dB(A) by day, 55 dB(A) by night (22:00–06:00, site time).
 */
import { DUST_PRESETS, type DustPresetId } from '../alarms/rules/dust-presets.js';

export const ENV_POLLUTANTS = ['pm10', 'pm25', 'tsp', 'noise'] as const;
export type EnvPollutant = (typeof ENV_POLLUTANTS)[number];

/** The telemetry metric and the HJ 212-2017 codes of each (noise: LA, or Leq as some monitors send). */
export const ENV_METRIC: Record<EnvPollutant, string> = { pm10: 'pm10', pm25: 'pm25', tsp: 'tsp', noise: 'noiseDb' };
export const ENV_HJ212_CODES: Record<EnvPollutant, readonly string[]> = { pm10: ['a34002'], pm25: ['a34004'], tsp: ['a34001'], noise: ['LA', 'Leq'] };

/** GB 3095-2012 grade II 24-hour limits, µg/m³: the reference for daily means whatever the preset. */
export const GB3095_DAILY: Record<'pm10' | 'pm25' | 'tsp', number> = { pm10: 150, pm25: 75, tsp: 300 };
export const NOISE_DAY_DB = 70;
export const NOISE_NIGHT_DB = 55;

/**
 * The limit an hourly mean of `pollutant` is judged against (null: the preset sets none for it).
 * A preset's limits over windows of an hour or less apply to the hourly mean (the Liaoning 5-minute
 * TSP limit included: the hourly read model is lenient there; the 5-minute judgement is the alarms').
 */
export function hourlyLimit(preset: DustPresetId, pollutant: EnvPollutant, localHour: number): number | null {
  if (pollutant === 'noise') return localHour >= 22 || localHour < 6 ? NOISE_NIGHT_DB : NOISE_DAY_DB;
  const limits = DUST_PRESETS[preset].limits.filter((l) => l.pollutant === pollutant && l.windowMin <= 60).map((l) => l.limit as number);
  return limits.length > 0 ? Math.min(...limits) : null;
}

/** The 24-hour limit of the preset, else GB 3095's. */
export function dailyLimit(preset: DustPresetId, pollutant: EnvPollutant): number | null {
  if (pollutant === 'noise') return null;
  const own = DUST_PRESETS[preset].limits.find((l) => l.pollutant === pollutant && l.windowMin === 1440);
  return own ? own.limit : GB3095_DAILY[pollutant];
}

/** Hours over the limit a day may have and still comply (Hebei DB13/2934-2019: 2); 0 elsewhere. */
export function allowedHoursOver(preset: DustPresetId, pollutant: EnvPollutant): number {
  const rule = (DUST_PRESETS[preset] as { dailyExceedance?: { pollutant: string; allowedPerDay: number } }).dailyExceedance;
  return rule && rule.pollutant === pollutant ? rule.allowedPerDay : 0;
}
