/**
 * Where a device's history chart draws alarm limits: the same numbers the alarm rules use (the
 * site file's per-crane settings over the defaults, the site's dust preset). Only limits that
 * are a plain line on the metric's own axis: a dust limit is on a window mean, so its label says
 * so; day/night noise limits and hoist loads against a varying rated load are left out.
 */
import type { ChartLimit } from '../../common/api.js';
import type { DeviceKind } from '../../common/device-kinds.js';
import { craneRulesFor } from '../alarms/rules/crane.js';
import { DUST_PRESETS, type DustLimit } from '../alarms/rules/dust-presets.js';
import type { SiteConfig } from '../config/site-schema.js';
import { METRIC_FIELDS } from '../store/metrics.js';

const POLLUTANT_LABEL = { pm10: 'PM10', pm25: 'PM2.5', tsp: 'TSP' } as const;

export function chartLimits(site: SiteConfig, deviceId: string, kind: DeviceKind): ChartLimit[] {
  if (kind === 'crane') {
    const c = craneRulesFor(site.alarms.cranes?.[deviceId]);
    return [
      { metric: 'momentPct', value: c.warningPct, priority: 'medium', label: `${c.warningPct} % pre-warning` },
      { metric: 'momentPct', value: c.overloadPct, priority: 'high', label: `${c.overloadPct} % over rated` },
      { metric: 'momentPct', value: c.cutoffPct, priority: 'critical', label: `${c.cutoffPct} % cut-off` },
      { metric: 'windMs', value: c.windWarningMs, priority: 'medium', label: `${c.windWarningMs} m/s prepare to stop` },
      { metric: 'windMs', value: c.windAlarmMs, priority: 'high', label: `${c.windAlarmMs} m/s stop lifting` },
    ];
  }
  if (kind === 'dust') {
    const preset = DUST_PRESETS[site.alarms.dustPreset];
    return (preset.limits as readonly DustLimit[]).map((l) => ({
      metric: l.pollutant,
      value: l.limit,
      priority: l.priority,
      label: `${POLLUTANT_LABEL[l.pollutant]} ${windowWords(l.windowMin)} mean ${l.limit} µg/m³ (${preset.name})`,
    }));
  }
  return [];
}

/** History metrics of a device; a ranging station's are per monitored point in the site file. */
export function deviceMetrics(site: SiteConfig, deviceId: string, kind: DeviceKind): string[] {
  if (kind === 'ranging') return Object.keys(site.alarms.ranging?.[deviceId] ?? {}).map((point) => `distanceM:${point}`);
  return [...METRIC_FIELDS[kind]];
}

function windowWords(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440 === 1 ? '24-hour' : `${minutes / 1440}-day`}`;
  if (minutes % 60 === 0) return `${minutes / 60}-hour`;
  return `${minutes}-minute`;
}
