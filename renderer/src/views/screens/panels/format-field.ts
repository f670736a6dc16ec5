import type { FieldFormat } from '../../overview/fields.js';

/** A reading with its unit, as the device cards show it ('—' when missing). */
export function formatField(value: unknown, field: FieldFormat, t: (key: string) => string): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return field.key === 'doorOpen' ? (value ? t('value.open') : t('value.closed')) : String(value);
  if (typeof value === 'number') {
    const text = value.toFixed(field.digits ?? 1);
    return field.unit ? `${text} ${field.unit}` : text;
  }
  return String(value);
}
