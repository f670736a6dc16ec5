/**
 * Tower-crane load and load-moment set points, % of rated, and the bands they cut: the one
 * definition the core's crane alarm rules and the renderer's hook colours and labels both use.
 *
 * - 90 % pre-warning (medium): common practice in vendors' crane monitors, an early warning
 *   before the limiter acts.
 * - 100 % over rated (high): GB 5144-2006 "Safety rules for tower cranes" requires the load and
 *   moment limiters to stop hoisting up beyond the rated load; GB/T 37366-2019 lists load and
 *   moment (and their %) among the data items a crane safety monitoring system reports.
 * - 110 % cut-off (critical, latched by the alarm rules): by GB 5144 the limiter must have cut
 *   hoisting up at the latest by 110 % of rated; lowering stays allowed.
 *
 * A site may set other values per crane (site file `alarms.cranes[id]`, from the crane's manual);
 * the core hands each crane's set points to the views in the site model, so a view never assumes
 * the defaults.
 */
import type { AlarmPriority } from './alarms.js';

/** One crane's set points, % of rated load / rated moment. */
export interface CraneLoadLevels {
  warningPct: number;
  overloadPct: number;
  cutoffPct: number;
}

/** Default set points (see the header for where each comes from). */
export const CRANE_LEVELS: Readonly<CraneLoadLevels> = Object.freeze({ warningPct: 90, overloadPct: 100, cutoffPct: 110 });

/** Which set point a value has reached, and the alarm priority (and so colour) that goes with it. */
export type CraneLevel = 'warning' | 'overload' | 'cutoff';

/** A band from its set point upwards, until the next band's set point. */
export interface MomentBand {
  level: CraneLevel;
  /** Lower edge, % of rated, inclusive. */
  fromPct: number;
  priority: AlarmPriority;
}

const PRIORITY: Readonly<Record<CraneLevel, AlarmPriority>> = { warning: 'medium', overload: 'high', cutoff: 'critical' };

/** A crane's set points with the defaults filled in for any the site file leaves out. */
export function craneLevels(overrides?: Partial<CraneLoadLevels>): CraneLoadLevels {
  return {
    warningPct: overrides?.warningPct ?? CRANE_LEVELS.warningPct,
    overloadPct: overrides?.overloadPct ?? CRANE_LEVELS.overloadPct,
    cutoffPct: overrides?.cutoffPct ?? CRANE_LEVELS.cutoffPct,
  };
}

/** The three bands of a crane's set points, lowest first (the order the alarm rules list them). */
export function momentBands(levels: CraneLoadLevels = CRANE_LEVELS): MomentBand[] {
  return [
    { level: 'warning', fromPct: levels.warningPct, priority: PRIORITY.warning },
    { level: 'overload', fromPct: levels.overloadPct, priority: PRIORITY.overload },
    { level: 'cutoff', fromPct: levels.cutoffPct, priority: PRIORITY.cutoff },
  ];
}

/**
 * The highest band a value (% of rated) has reached; null below the pre-warning set point or when
 * the value is unknown. Inclusive at each set point, as the alarm rules are.
 */
export function momentBand(pct: number | undefined, levels: CraneLoadLevels = CRANE_LEVELS): MomentBand | null {
  if (pct === undefined || !Number.isFinite(pct)) return null;
  let reached: MomentBand | null = null;
  for (const band of momentBands(levels)) if (pct >= band.fromPct && (!reached || band.fromPct >= reached.fromPct)) reached = band;
  return reached;
}
