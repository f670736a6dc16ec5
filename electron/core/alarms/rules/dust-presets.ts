/**
 * Jurisdiction presets for dust, as data: which pollutant, over which window, above which mean.
 * Concentrations in µg/m³; windows in minutes; a limit is exceeded when the window mean is
 * strictly above it. Each preset's `source` names the public document it follows (shown to the
 * operator with the limits); the window of the Hebei limit in particular was not checked against
 * DB13/2934-2019's text, and the Wuhan rule is an announced enforcement rule, not a standard.
 */
import type { AlarmPriority } from '../alarm-types.js';
import { DAILY_MIN_MINUTES, HOURLY_MIN_MINUTES } from '../defaults.js';

export type Pollutant = 'pm10' | 'pm25' | 'tsp';

export interface DustLimit {
  /** Unique within the preset; part of the condition key. */
  id: string;
  pollutant: Pollutant;
  windowMin: number;
  limit: number;
  /** The alarm clears only once the mean is below this (default: the limit itself). */
  clearBelow?: number;
  priority: AlarmPriority;
  /** What the alarm tells the site to do. */
  action: string;
  /** Minutes with data needed in the window before the mean is judged. */
  minMinutes: number;
}

/** Counts clock hours (site time) whose mean is above `limit`; alarms when a day has more than `allowedPerDay`. */
export interface DailyExceedanceRule {
  id: string;
  pollutant: Pollutant;
  limit: number;
  allowedPerDay: number;
  priority: AlarmPriority;
  minMinutesPerHour: number;
}

export interface DustPreset {
  id: string;
  name: string;
  source: string;
  limits: readonly DustLimit[];
  dailyExceedance?: DailyExceedanceRule;
}

export const DUST_PRESETS = {
  wuhan: {
    id: 'wuhan',
    name: 'Wuhan construction dust rule',
    source: 'Wuhan Air Quality Improvement Office, online dust monitoring of construction sites (announced June 2017, reported by Xinhua on 5 June 2017): hourly PM10 > 150 warning, > 200 stop work until below 150',
    limits: [
      { id: 'pm10-1h-warning', pollutant: 'pm10', windowMin: 60, limit: 150, priority: 'medium', action: 'increase spraying and cover stockpiles', minMinutes: HOURLY_MIN_MINUTES },
      { id: 'pm10-1h-stop-work', pollutant: 'pm10', windowMin: 60, limit: 200, clearBelow: 150, priority: 'critical', action: 'stop earthwork until the hourly mean is below 150', minMinutes: HOURLY_MIN_MINUTES },
    ],
  },
  'hebei-db13-2934': {
    id: 'hebei-db13-2934',
    name: 'Hebei DB13/2934-2019 site boundary',
    source: 'Hebei DB13/2934-2019 施工场地扬尘排放标准 (dust emission standard for construction sites): PM10 80 at the boundary, at most 2 exceedances a day (hourly means assumed)',
    limits: [{ id: 'pm10-1h-boundary', pollutant: 'pm10', windowMin: 60, limit: 80, priority: 'medium', action: 'reduce dust at the boundary', minMinutes: HOURLY_MIN_MINUTES }],
    dailyExceedance: { id: 'pm10-daily-exceedances', pollutant: 'pm10', limit: 80, allowedPerDay: 2, priority: 'high', minMinutesPerHour: HOURLY_MIN_MINUTES },
  },
  'gb3095-grade2': {
    id: 'gb3095-grade2',
    name: 'GB 3095-2012 grade II, 24-hour means',
    source: 'GB 3095-2012 Table 1/2, grade II 24-hour limits: PM10 150, PM2.5 75, TSP 300',
    limits: [
      { id: 'pm10-24h', pollutant: 'pm10', windowMin: 1440, limit: 150, priority: 'medium', action: 'daily PM10 above the ambient standard', minMinutes: DAILY_MIN_MINUTES },
      { id: 'pm25-24h', pollutant: 'pm25', windowMin: 1440, limit: 75, priority: 'medium', action: 'daily PM2.5 above the ambient standard', minMinutes: DAILY_MIN_MINUTES },
      { id: 'tsp-24h', pollutant: 'tsp', windowMin: 1440, limit: 300, priority: 'medium', action: 'daily TSP above the ambient standard', minMinutes: DAILY_MIN_MINUTES },
    ],
  },
  'liaoning-tsp-5min': {
    id: 'liaoning-tsp-5min',
    name: 'Liaoning TSP 5-minute, urban',
    source: 'Liaoning DB21/2642-2016 施工及堆料场地扬尘排放标准 (dust emission standard for construction and stockpile sites): TSP 5-minute mean 0.8 mg/m³ in built-up urban areas',
    limits: [{ id: 'tsp-5min', pollutant: 'tsp', windowMin: 5, limit: 800, priority: 'high', action: 'spray and stop dusty work', minMinutes: 4 }],
  },
} as const satisfies Record<string, DustPreset>;

export type DustPresetId = keyof typeof DUST_PRESETS;

export function isDustPresetId(id: string): id is DustPresetId {
  return Object.hasOwn(DUST_PRESETS, id);
}
