/**
 * Tower-crane conditions from one monitor reading (GB/T 37366-2019 data items). Each set point
 * is its own alarm (ISA-18.2: HI and HIHI are separate alarms): load and moment at 90 / 100 /
 * 110 %, wind at 10.8 / 13.8 m/s, mast tilt. The 110 % level is a cut-off and latches.
 */
import { momentBands, type CraneLevel } from '../../../common/crane-moment-bands.js';
import type { CraneTelemetry } from '../../../common/telemetry.js';
import type { ConditionEvaluation } from '../alarm-types.js';
import * as D from '../defaults.js';
import { highLimit, percent } from './condition.js';

/** Limits for one crane; every field defaults from `defaults.ts`. */
export interface CraneRuleConfig {
  warningPct: number;
  overloadPct: number;
  cutoffPct: number;
  pctDeadband: number;
  windWarningMs: number;
  windAlarmMs: number;
  windDeadbandMs: number;
  /** Mast tilt limit, degrees (absolute). */
  tiltLimitDeg: number;
  tiltDeadbandDeg: number;
  onDelayMs: number;
  offDelayMs: number;
  windOnDelayMs: number;
  windOffDelayMs: number;
}

export const DEFAULT_CRANE_RULES: CraneRuleConfig = {
  warningPct: D.CRANE_LEVELS.warningPct,
  overloadPct: D.CRANE_LEVELS.overloadPct,
  cutoffPct: D.CRANE_LEVELS.cutoffPct,
  pctDeadband: D.CRANE_PCT_DEADBAND,
  windWarningMs: D.CRANE_WIND_WARNING_MS,
  windAlarmMs: D.CRANE_WIND_ALARM_MS,
  windDeadbandMs: D.CRANE_WIND_DEADBAND_MS,
  tiltLimitDeg: D.CRANE_TILT_LIMIT_DEG,
  tiltDeadbandDeg: D.CRANE_TILT_DEADBAND_DEG,
  onDelayMs: D.CRANE_ON_DELAY_MS,
  offDelayMs: D.CRANE_OFF_DELAY_MS,
  windOnDelayMs: D.CRANE_WIND_ON_DELAY_MS,
  windOffDelayMs: D.CRANE_WIND_OFF_DELAY_MS,
};

/** One crane's limits: the site file's overrides (`alarms.cranes[id]`) over the defaults. */
export function craneRulesFor(overrides?: Partial<CraneRuleConfig>): CraneRuleConfig {
  return { ...DEFAULT_CRANE_RULES, ...overrides };
}

/** What each load/moment level says and whether it latches (priorities come with the bands). */
const LEVEL_TEXT: Readonly<Record<CraneLevel, { words: string; latched: boolean }>> = {
  warning: { words: 'pre-warning', latched: false },
  overload: { words: 'over rated', latched: false },
  cutoff: { words: 'cut-off: hoisting up stopped', latched: true },
};

/** Load as % of the rated load at the current radius. */
export function craneLoadPct(reading: CraneTelemetry): number {
  return percent(reading.loadT, reading.ratedLoadT);
}

export function evaluateCrane(deviceId: string, reading: CraneTelemetry, config: CraneRuleConfig = DEFAULT_CRANE_RULES): ConditionEvaluation[] {
  const c = config;
  const timing = { onDelayMs: c.onDelayMs, offDelayMs: c.offDelayMs };
  const levels = momentBands(c).map((b) => ({ level: b.level, pct: b.fromPct, priority: b.priority, ...LEVEL_TEXT[b.level] }));
  const out: ConditionEvaluation[] = [];
  const quantities = [
    { name: 'load', label: 'Load', value: craneLoadPct(reading) },
    { name: 'moment', label: 'Moment', value: reading.momentPct },
  ];
  for (const q of quantities) {
    for (const l of levels) {
      out.push(
        highLimit({
          conditionKey: `${deviceId}:${q.name}:${l.level}`,
          sourceDevice: deviceId,
          priority: l.priority,
          message: `${q.label} ${q.value.toFixed(1)} % of rated ≥ ${l.pct} % (${l.words})`,
          text: { key: `crane.${q.name}.${l.level}`, params: { value: q.value.toFixed(1), limit: l.pct } },
          unit: '%',
          value: q.value,
          limit: l.pct,
          deadband: c.pctDeadband,
          inclusive: true,
          latched: l.latched,
          ...timing,
          ...(l.latched ? { onDelayMs: D.CRANE_CUTOFF_ON_DELAY_MS } : {}),
        }),
      );
    }
  }
  const windTiming = { onDelayMs: c.windOnDelayMs, offDelayMs: c.windOffDelayMs };
  out.push(
    highLimit({
      conditionKey: `${deviceId}:wind:warning`,
      sourceDevice: deviceId,
      priority: 'medium',
      message: `Wind ${reading.windMs.toFixed(1)} m/s ≥ ${c.windWarningMs} m/s (force 6: prepare to stop lifting)`,
      text: { key: 'crane.wind.warning', params: { value: reading.windMs.toFixed(1), limit: c.windWarningMs } },
      unit: 'm/s',
      value: reading.windMs,
      limit: c.windWarningMs,
      deadband: c.windDeadbandMs,
      inclusive: true,
      ...windTiming,
    }),
    highLimit({
      conditionKey: `${deviceId}:wind:alarm`,
      sourceDevice: deviceId,
      priority: 'high',
      message: `Wind ${reading.windMs.toFixed(1)} m/s ≥ ${c.windAlarmMs} m/s: stop lifting`,
      text: { key: 'crane.wind.alarm', params: { value: reading.windMs.toFixed(1), limit: c.windAlarmMs } },
      unit: 'm/s',
      value: reading.windMs,
      limit: c.windAlarmMs,
      deadband: c.windDeadbandMs,
      inclusive: true,
      ...windTiming,
    }),
    highLimit({
      conditionKey: `${deviceId}:tilt`,
      sourceDevice: deviceId,
      priority: 'high',
      message: `Mast tilt ${Math.abs(reading.tiltDeg).toFixed(2)}° ≥ ${c.tiltLimitDeg}°`,
      text: { key: 'crane.tilt', params: { value: Math.abs(reading.tiltDeg).toFixed(2), limit: c.tiltLimitDeg } },
      unit: '°',
      value: Math.abs(reading.tiltDeg),
      limit: c.tiltLimitDeg,
      deadband: c.tiltDeadbandDeg,
      inclusive: true,
      ...timing,
    }),
  );
  return out;
}
