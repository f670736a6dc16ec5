import type { DeviceKind } from '../../common/device-kinds.js';
import type { TelemetryRecord } from '../../common/telemetry.js';

/**
 * The metrics kept as history: every numeric field of a kind's reading (electron/common/telemetry.ts).
 * Booleans (a hoist's `doorOpen`) and text (operator ids) are not metrics. A ranging station
 * measures several points, so its metric names the point: `distanceM:P1` — one series per point,
 * never a mix of them. Gates send events, not measurements: no metrics.
 */
export const METRIC_FIELDS: { readonly [K in DeviceKind]: readonly string[] } = {
  crane: ['loadT', 'ratedLoadT', 'momentPct', 'radiusM', 'heightM', 'slewDeg', 'windMs', 'tiltDeg'],
  hoist: ['loadKg', 'ratedLoadKg', 'people', 'ratedPeople', 'floor', 'heightM', 'speedMs', 'tiltDeg'],
  dust: ['pm25', 'pm10', 'tsp', 'noiseDb', 'windMs', 'windDir', 'tempC', 'rh'],
  ranging: ['distanceM'],
  gate: [],
};

/** Kinds whose metric carries the measured point after a colon. */
const PER_POINT: ReadonlySet<DeviceKind> = new Set(['ranging']);

/** Where a metric's values are in the stored JSON payload, and which point (ranging) it is for. */
export interface MetricRef {
  field: string;
  pointId?: string;
}

/** Resolves a metric name for a kind; null when the kind has no such metric. */
export function resolveMetric(kind: DeviceKind, metric: string): MetricRef | null {
  if (PER_POINT.has(kind)) {
    const colon = metric.indexOf(':');
    if (colon <= 0 || colon === metric.length - 1) return null;
    const field = metric.slice(0, colon);
    return METRIC_FIELDS[kind].includes(field) ? { field, pointId: metric.slice(colon + 1) } : null;
  }
  return METRIC_FIELDS[kind].includes(metric) ? { field: metric } : null;
}

/** Words for a 400: which metrics this kind has. */
export function describeMetrics(kind: DeviceKind): string {
  const fields = METRIC_FIELDS[kind];
  if (fields.length === 0) return `a ${kind} device has no numeric metrics`;
  return PER_POINT.has(kind) ? `metrics of a ${kind} device: ${fields.map((f) => `${f}:POINT`).join(', ')}` : `metrics of a ${kind} device: ${fields.join(', ')}`;
}

/** Calls `emit` for each metric value in one reading (validated values, so numbers are finite). */
export function forEachMetric(record: TelemetryRecord, emit: (metric: string, value: number) => void): void {
  const values = record.values as unknown as Record<string, unknown>;
  const suffix = PER_POINT.has(record.kind) ? `:${String(values.pointId)}` : '';
  for (const field of METRIC_FIELDS[record.kind]) {
    const value = values[field];
    if (typeof value === 'number') emit(field + suffix, value);
  }
}
