/**
 * Pure formatting for the alarm screens (no React, no DOM): values with units, which telemetry
 * field an alarm's trend shows, and which words explain a refusal from the core.
 */
import { ApiError } from '../../../../electron/common/api.js';
import type { Alarm } from '../../../../electron/common/alarms.js';
import { QUALITY_ALARM_SOURCE } from '../../../../electron/common/quality.js';
import { WORKFORCE_ALARM_SOURCE } from '../../../../electron/common/workforce.js';

/**
 * What the operator calls an alarm's source: the device's name, or for alarms of the workforce as a
 * whole (an expired certificate) or of quality (an overdue rectification notice) the area's own word; never a raw id on screen.
 */
export function alarmSourceName(devices: { get(id: string): { name: string } | undefined }, t: (key: string) => string): (id: string) => string {
  const areas: Record<string, string> = { [WORKFORCE_ALARM_SOURCE]: 'nav.workforce', [QUALITY_ALARM_SOURCE]: 'nav.quality' };
  return (id) => {
    const area = areas[id];
    return devices.get(id)?.name ?? (area ? t(area) : id);
  };
}

/** Shape beside each priority colour, so the priority reads without colour (ISA-101). */
export { PRIORITY_SHAPE } from '../../../../electron/common/alarms.js';

/** A measured value with its unit: one decimal below 100, none above (readable from 3 m). */
export function formatMeasure(value: number | null, unit: string, unitWord: (unit: string) => string = (u) => u): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : 1;
  const text = value.toFixed(digits);
  const shown = unitWord(unit);
  if (!shown) return text;
  return unit === '°' ? `${text}°` : `${text} ${shown}`;
}

/**
 * Which number of the source device's telemetry the alarm is about, read from the condition
 * key (`crane-1:moment:cutoff` → momentPct). Null for yes/no conditions (door open, unknown
 * driver, offline) where a trend says nothing.
 */
export interface AlarmMetric {
  /** Telemetry field shown in the chart's label. */
  field: string;
  read: (values: Record<string, unknown>) => number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const field = (name: string): AlarmMetric => ({ field: name, read: (v) => num(v[name]) });

export function metricForAlarm(alarm: Pick<Alarm, 'conditionKey' | 'sourceDevice'>): AlarmMetric | null {
  const rest = alarm.conditionKey.startsWith(`${alarm.sourceDevice}:`) ? alarm.conditionKey.slice(alarm.sourceDevice.length + 1) : alarm.conditionKey;
  const quantity = rest.split(':')[0] ?? '';
  switch (quantity) {
    case 'moment':
      return field('momentPct');
    case 'load':
      // The crane rule's load is % of the rated load at the current radius.
      return {
        field: 'loadT',
        read: (v) => {
          const load = num(v.loadT);
          const rated = num(v.ratedLoadT);
          return load !== null && rated ? (load / rated) * 100 : null;
        },
      };
    case 'wind':
      return field('windMs');
    case 'tilt':
      return field('tiltDeg');
    case 'overload':
      return field('loadKg');
    case 'people':
      return field('people');
    case 'noise':
      return field('noiseDb');
  }
  for (const pollutant of ['pm10', 'pm25', 'tsp'] as const) if (quantity.startsWith(pollutant)) return field(pollutant);
  if (quantity.startsWith('wind')) return field('windMs');
  return null;
}

/** i18n key (under `alarm.error.`) explaining why the core refused, and the core's own words. */
export function refusalKey(error: unknown): { key: 'forbidden' | 'commentRequired' | 'conflict' | 'notFound' | 'badRequest' | 'unreachable' | 'generic'; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof ApiError)) return { key: 'generic', message };
  switch (error.code) {
    case 'forbidden':
      return { key: 'forbidden', message };
    case 'bad-request':
      return { key: error.field === 'comment' ? 'commentRequired' : 'badRequest', message };
    case 'conflict':
      return { key: 'conflict', message };
    case 'not-found':
      return { key: 'notFound', message };
    case 'internal':
      return { key: message.includes('cannot be reached') ? 'unreachable' : 'generic', message };
    default:
      return { key: 'generic', message };
  }
}

/** Milliseconds as "4 min 05 s" style parts for the KPI panel (words come from i18n). */
export function splitDuration(ms: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.round(ms / 1000));
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}
