/**
 * Every default number the alarm engine and its rules use, with where it comes from. A number
 * marked "site policy" is a choice, not a standard: the site file should be able to override it.
 * Figures from standards cite the standard; where a clause number is not given it was not checked
 * against the standard's text.
 */
import type { AlarmPriority } from './alarm-types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// ── Engine ───────────────────────────────────────────────────────────────────────────────────

/**
 * Escalate an alarm still unacknowledged after this long (ms); null = never. Site policy: a
 * critical alarm (a crane cut-off, stop-work dust) should reach the safety officer within a minute.
 */
export const ESCALATE_AFTER_MS: Readonly<Record<AlarmPriority, number | null>> = {
  critical: 1 * MINUTE,
  high: 5 * MINUTE,
  medium: 15 * MINUTE,
  low: null,
};

/** Longest a shelve may last: one twelve-hour shift (site policy; ISA-18.2 asks for a time limit, not a value). */
export const MAX_SHELVE_MS = 12 * HOUR;

/** EEMUA 191: more than 10 alarms in 10 minutes (per operator) is a flood. */
export const FLOOD_WINDOW_MS = 10 * MINUTE;
export const FLOOD_THRESHOLD = 10;

/** Standing (stale) alarm: active longer than 24 h (EEMUA 191 / ISA-18.2 TR5 stale-alarm practice). */
export const STANDING_AFTER_MS = 24 * HOUR;

/** Chattering: the same condition activating 3 or more times within one minute (ISA-18.2 TR5 rule of thumb). */
export const CHATTER_WINDOW_MS = 1 * MINUTE;
export const CHATTER_COUNT = 3;

/** KPIs look back this far; activations older than this are forgotten (bounds memory). */
export const KPI_HORIZON_MS = 24 * HOUR;
/** Hard cap on remembered activations whatever the horizon (a flood must not grow memory). */
export const KPI_MAX_ACTIVATIONS = 20_000;

// ── Tower crane ──────────────────────────────────────────────────────────────────────────────

/**
 * Load and moment levels, % of rated (90 / 100 / 110 %): defined once in
 * common/crane-moment-bands.ts, because the 3D view colours the hook by the same bands; the header
 * there says where each comes from. The 110 % level is latched: a cut-off needs a person to look.
 */
export { CRANE_LEVELS } from '../../common/crane-moment-bands.js';

/** Deadband for load/moment levels, percentage points: about the ±5 % display error GB 5144 allows, halved. */
export const CRANE_PCT_DEADBAND = 2;

/**
 * Wind at the jib, m/s. 10.8 m/s is where Beaufort force 6 begins; 13.8 m/s where it ends
 * (force 7 from 13.9). Chinese crane practice stops lifting at force 6 and above, so 10.8 is the
 * warning and 13.8 the stop alarm. Check against the crane's own manual (some allow 20 m/s in service).
 */
export const CRANE_WIND_WARNING_MS = 10.8;
export const CRANE_WIND_ALARM_MS = 13.8;
export const CRANE_WIND_DEADBAND_MS = 0.5;

/**
 * Mast tilt alarm, degrees. 1° is a vendor-typical setting of tilt sensors in crane monitors,
 * NOT derived from a standard — and not conservative against GB 5144's erection tolerance of
 * 4/1000 verticality (about 0.23°, unloaded). Sites should set it from the crane's manual.
 */
export const CRANE_TILT_LIMIT_DEG = 1;
export const CRANE_TILT_DEADBAND_DEG = 0.1;

/** On/off delays for crane conditions, ms: short, because a load change is real within seconds. */
export const CRANE_ON_DELAY_MS = 2_000;
export const CRANE_OFF_DELAY_MS = 5_000;
/**
 * The 110 % cut-off is annunciated at once: the crane's own limiter has already stopped hoisting
 * up (GB 5144), so there is nothing to filter — the alarm records a fact the operator must see.
 */
export const CRANE_CUTOFF_ON_DELAY_MS = 0;
/** Wind gusts: a warning needs the wind to hold (anemometers report gusts). */
export const CRANE_WIND_ON_DELAY_MS = 10_000;
export const CRANE_WIND_OFF_DELAY_MS = 60_000;

// ── Construction hoist ───────────────────────────────────────────────────────────────────────

/** Cage "moving" above this speed, m/s (site policy: above the speed-sensor noise of a stopped cage). */
export const HOIST_MOVING_SPEED_MS = 0.05;
export const HOIST_ON_DELAY_MS = 1_000;
export const HOIST_OFF_DELAY_MS = 3_000;

// ── Dust and noise ───────────────────────────────────────────────────────────────────────────

/**
 * GB 3095-2012 data validity (Table 4 as commonly quoted): a 1-hour mean needs ≥ 45 minutes of
 * data, a 24-hour mean ≥ 20 hours. Windows without that coverage raise nothing.
 */
export const HOURLY_MIN_MINUTES = 45;
export const DAILY_MIN_MINUTES = 20 * 60;

/**
 * GB 12523-2011 site-boundary noise, dB(A): 70 by day, 55 by night; night is 22:00–06:00
 * local time (the standard defers to GB 3096's day/night split: day 06:00–22:00).
 */
export const NOISE_DAY_LIMIT_DBA = 70;
export const NOISE_NIGHT_LIMIT_DBA = 55;
export const NOISE_NIGHT_START_HOUR = 22;
export const NOISE_NIGHT_END_HOUR = 6;
/** GB 12523-2011 measures the equivalent level over 20 continuous minutes. */
export const NOISE_LEQ_WINDOW_MIN = 20;
/** Minutes of data needed in that window before judging (site policy: three quarters). */
export const NOISE_MIN_MINUTES = 15;
export const NOISE_DEADBAND_DBA = 1;

/** Dust conditions are window means; they move slowly, so no extra delays. */
export const DUST_ON_DELAY_MS = 0;
export const DUST_OFF_DELAY_MS = 0;

// ── Ranging (deformation monitoring) ─────────────────────────────────────────────────────────

/**
 * Cumulative displacement and rate, mm and mm/day. GB 50497-2019 (foundation-pit monitoring)
 * gives alarm values by pit grade and structure, e.g. tens of mm cumulative and 2–3 mm/d for
 * retaining-wall top displacement of a grade-1 pit. These are placeholders in that range: the
 * design institute's values for each point must be configured.
 */
export const RANGING_DISPLACEMENT_LIMIT_MM = 30;
export const RANGING_RATE_LIMIT_MM_PER_DAY = 3;
/** Rate needs at least this span of history, so one noisy reading cannot read as a fast rate. */
export const RANGING_MIN_RATE_SPAN_MS = 6 * HOUR;
export const RANGING_RATE_SPAN_MS = 24 * HOUR;

// ── Device offline ───────────────────────────────────────────────────────────────────────────

/**
 * Offline after 3× the expected report interval (site file: `expectedIntervalS`): the same rule
 * that marks the device offline in the device list, so the alarm and the list never disagree.
 */
export { OFFLINE_AFTER_INTERVALS as OFFLINE_INTERVAL_FACTOR } from '../devices/device-states.js';
