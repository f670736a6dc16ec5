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
  if (pollutant === 'noise') return isNoiseNight(localHour) ? NOISE_NIGHT_DB : NOISE_DAY_DB;
  const limits = DUST_PRESETS[preset].limits.filter((l) => l.pollutant === pollutant && l.windowMin <= 60).map((l) => l.limit as number);
  return limits.length > 0 ? Math.min(...limits) : null;
}

/** GB 12523-2011 §3: night is 22:00–06:00 (site time), day 06:00–22:00. */
export function isNoiseNight(localHour: number): boolean {
  return localHour >= 22 || localHour < 6;
}

/**
 * The equivalent continuous sound level (Leq) of levels each held for a weight (GB 3096-2008 §3,
 * GB 12523-2011): the energy mean 10·lg(Σ wᵢ·10^(Lᵢ/10) / Σ wᵢ), not the arithmetic mean —
 * a loud half hour dominates a quiet one, as the ear and the standard have it. Null for no weight.
 */
export function leqOf(levels: ReadonlyArray<{ level: number; weight: number }>): number | null {
  let energy = 0;
  let weight = 0;
  for (const { level, weight: w } of levels) {
    if (!(w > 0) || !Number.isFinite(level)) continue;
    energy += w * 10 ** (level / 10);
    weight += w;
  }
  return weight > 0 ? 10 * Math.log10(energy / weight) : null;
}

/** A level's sound energy (10^(L/10)): daily counters add these so a day's Leq is 10·lg(sum / count). */
export function soundEnergy(level: number): number {
  return 10 ** (level / 10);
}

/** The level of a mean energy (the inverse of soundEnergy). */
export function levelOfEnergy(meanEnergy: number): number {
  return 10 * Math.log10(meanEnergy);
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
