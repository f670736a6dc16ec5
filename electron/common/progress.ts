/**
 * Construction progress (工程进度): the pure part both sides use. A building's schedule is a planned
 * day for each floor (the day its structure is topped out, 结构完成) and named milestones; each
 * floor's actual day is entered, or confirmed from a panorama capture. From these come the planned
 * and actual curves and the delay in days (`delayOf` below says exactly how it is counted).
 *
 * Days are the site's calendar days `YYYY-MM-DD` in its time zone (e.g. Asia/Shanghai): a site
 * diary (施工日志, GB/T 50502-2009 §7) records progress per day, never per instant.
 */

/** A site calendar day, `YYYY-MM-DD`. */
export type SiteDay = string;

/** Where a value came from: the site file (the installer's starting point) or an edit in the console (wins). */
export type ProgressSource = 'file' | 'edit';

/**
 * The delay bands the 3D view and the panel colour by, in days late (see `delayOf`). Two weeks is
 * two floor cycles of a typical high-rise (a standard floor every 5–7 days): past that the building
 * is more than one cycle behind and needs a recovery plan, not just overtime.
 */
export const DELAY_BANDS = { onTimeMaxDays: 0, delayedMaxDays: 14 } as const;

export type DelayBand = 'on-time' | 'delayed' | 'badly-delayed';

export function delayBandOf(delayDays: number): DelayBand {
  if (delayDays <= DELAY_BANDS.onTimeMaxDays) return 'on-time';
  if (delayDays <= DELAY_BANDS.delayedMaxDays) return 'delayed';
  return 'badly-delayed';
}

/**
 * The bands' colours: a muted green and two violets, deliberately far from the alarm colours (red,
 * orange, yellow, blue: alarms only). Every colour is doubled by a word in the legend and labels.
 */
export const DELAY_BAND_COLOURS: Record<DelayBand, string> = {
  'on-time': '#6fa287',
  delayed: '#b59ad8',
  'badly-delayed': '#8a4fd1',
};

/** One floor of a building: its planned day, and its actual day once done. */
export interface FloorProgress {
  /** 1 = first floor above ground. */
  floor: number;
  planned: SiteDay | null;
  plannedSource: ProgressSource | null;
  completed: SiteDay | null;
  completedSource: ProgressSource | null;
  /** The panorama capture that shows the floor done (evidence), when confirmed from one. */
  captureId: string | null;
  /** Who entered the completion and when (UTC ms); null for the site file's. */
  completedBy: string | null;
  completedAt: number | null;
  /** Days this floor is (or was) late: done late, or due and not done as of the day asked. */
  delayDays: number;
}

/** A named milestone (e.g. 主体结构封顶, 竣工验收). */
export interface MilestoneProgress {
  name: string;
  planned: SiteDay;
  done: SiteDay | null;
  source: ProgressSource;
  delayDays: number;
}

/** A point of a progress curve: floors (cumulative) on a day. */
export interface CurvePoint {
  day: SiteDay;
  floors: number;
}

export interface BuildingProgress {
  id: string;
  name: string;
  plannedFloors: number;
  /** Capture points whose panoramas show this building (floor completions may cite them). */
  capturePoints: string[];
  floors: FloorProgress[];
  milestones: MilestoneProgress[];
  completedFloors: number;
  /** Floors due by the day asked. */
  dueFloors: number;
  delayDays: number;
  band: DelayBand;
  /** Planned: floors due by each planned day; actual: floors done by each completion day. */
  curve: { planned: CurvePoint[]; actual: CurvePoint[] };
}

/** The whole project's progress on a day. */
export interface ProgressOverview {
  /** The day the delays are counted at (today, site time, unless asked otherwise). */
  asOf: SiteDay;
  projectStart: SiteDay | null;
  /** The largest building delay: the project ends when its latest building does. */
  projectDelayDays: number;
  projectBand: DelayBand;
  buildings: BuildingProgress[];
}

/** One change to a schedule or a completion, as the change log keeps it (who, when, what). */
export interface ProgressChange {
  seq: number;
  at: number;
  actor: string;
  buildingId: string;
  /** `plan` a floor's planned day, `complete`/`clear` a floor's completion, `milestone`. */
  kind: 'plan' | 'complete' | 'clear' | 'milestone';
  /** The floor number or milestone name. */
  subject: string;
  /** The value before and after (days, or null). */
  before: string | null;
  after: string | null;
  captureId: string | null;
}

const DAY_MS = 86_400_000;

/** Days from `a` to `b` (b − a), whole calendar days. */
export function daysBetween(a: SiteDay, b: SiteDay): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** `day` plus `n` days. */
export function addDays(day: SiteDay, n: number): SiteDay {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whether `s` is a real calendar day written `YYYY-MM-DD`. */
export function isSiteDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

/** The site's calendar day at an instant (UTC ms) in its time zone. */
export function siteDayOf(epochMs: number, timeZone: string): SiteDay {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(epochMs);
}

/** What `delayOf` reads of one floor. */
export interface FloorDates {
  floor: number;
  planned: SiteDay | null;
  completed: SiteDay | null;
}

/**
 * A building's delay in days on day `asOf`, defined as how late its construction runs now:
 *
 * - Floors go up in order, so the building is as late as its lowest floor not yet done. If that
 *   floor's planned day has passed, the delay is `asOf − planned` (the horizontal gap between the
 *   planned and the actual curve today); if it is not yet due, the building is on time (0), however
 *   late earlier floors were: the site has caught up.
 * - With every planned floor done, the delay is frozen at how late the top floor was finished
 *   (`completed − planned`, 0 if early): the structure finished that late.
 * - A milestone not done by its planned day counts the same way (`asOf − planned`); the building's
 *   delay is the largest of these. Milestones already done no longer add delay.
 *
 * Example: floors 1–5 due 03-01, 03-08, 03-15, 03-22, 03-29; floors 1 and 2 done; on 03-20 the
 * lowest floor not done is 3, due 03-15: 5 days late.
 */
export function delayOf(floors: readonly FloorDates[], milestones: readonly { planned: SiteDay; done: SiteDay | null }[], asOf: SiteDay): number {
  const planned = floors.filter((f) => f.planned !== null).sort((a, b) => a.floor - b.floor);
  let delay = 0;
  const firstOpen = planned.find((f) => f.completed === null);
  if (firstOpen) {
    delay = Math.max(0, daysBetween(firstOpen.planned!, asOf));
  } else if (planned.length > 0) {
    const top = planned[planned.length - 1]!;
    delay = Math.max(0, daysBetween(top.planned!, top.completed!));
  }
  for (const m of milestones) if (m.done === null) delay = Math.max(delay, daysBetween(m.planned, asOf));
  return delay;
}

/** One floor's own delay on `asOf`: done late, or due and not done. */
export function floorDelayOf(f: FloorDates, asOf: SiteDay): number {
  if (f.planned === null) return 0;
  return Math.max(0, daysBetween(f.planned, f.completed ?? asOf));
}

/** Planned curve: floors due by each planned day (cumulative, one point per day). */
export function plannedCurve(floors: readonly FloorDates[]): CurvePoint[] {
  return cumulative(floors.flatMap((f) => (f.planned ? [f.planned] : [])));
}

/** Actual curve: floors done by each completion day (cumulative, one point per day). */
export function actualCurve(floors: readonly FloorDates[]): CurvePoint[] {
  return cumulative(floors.flatMap((f) => (f.completed ? [f.completed] : [])));
}

function cumulative(days: string[]): CurvePoint[] {
  days.sort();
  const out: CurvePoint[] = [];
  days.forEach((day, i) => {
    const last = out[out.length - 1];
    if (last && last.day === day) last.floors = i + 1;
    else out.push({ day, floors: i + 1 });
  });
  return out;
}

/**
 * The first floor whose planned day comes before the floor below's (planned days must not go
 * down as floors go up: a floor cannot be topped out before the one it stands on), or null.
 */
export function firstOutOfOrder(floors: readonly { floor: number; planned: SiteDay | null }[]): { floor: number; below: number; belowPlanned: SiteDay } | null {
  let prev: { floor: number; planned: SiteDay } | null = null;
  for (const f of [...floors].sort((a, b) => a.floor - b.floor)) {
    if (!f.planned) continue;
    if (prev && f.planned < prev.planned) return { floor: f.floor, below: prev.floor, belowPlanned: prev.planned };
    prev = { floor: f.floor, planned: f.planned };
  }
  return null;
}

/** `progress` in the site file (validated in core/config/progress-schema.ts): the installer's starting point. */
export interface ProgressSiteSettings {
  projectStart?: SiteDay;
  buildings: {
    building: string;
    capturePoints?: string[];
    floorCycle?: { first: SiteDay; days: number };
    floors: { floor: number; planned?: SiteDay; completed?: SiteDay }[];
    milestones: { name: string; planned: SiteDay; done?: SiteDay }[];
  }[];
}
