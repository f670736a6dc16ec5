/** Unit, decimals and words of a history metric, from the overview's field table. */
import { FIELDS_BY_KIND, type FieldFormat } from '../overview/fields.js';

/** Numeric fields the overview cards do not show but history has. */
const EXTRA: FieldFormat[] = [
  { key: 'ratedPeople', digits: 0 },
  { key: 'tiltDeg', unit: '°', digits: 2 },
];

const BY_KEY = new Map<string, FieldFormat>();
for (const f of [...Object.values(FIELDS_BY_KIND).flat(), ...EXTRA]) if (!BY_KEY.has(f.key)) BY_KEY.set(f.key, f);

/** `distanceM:P1` → the distanceM format. */
export function metricFormat(metric: string): { unit?: string; digits: number } {
  const f = BY_KEY.get(metric.split(':')[0]!);
  return { ...(f?.unit ? { unit: f.unit } : {}), digits: f?.digits ?? 1 };
}

export function metricLabel(metric: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  const [field, point] = metric.split(':');
  const word = t(`field.${field}`, { defaultValue: field });
  return point ? `${word} ${point}` : word;
}
