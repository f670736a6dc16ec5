/** Times are stored in UTC (epoch ms) and shown in the site's own time zone, not the viewer's. */
export function formatSiteTime(epochMs: number, timeZone: string, locale: string, withDate = false): string {
  const options: Intl.DateTimeFormatOptions = {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  };
  if (withDate) Object.assign(options, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return new Intl.DateTimeFormat(locale, options).format(new Date(epochMs));
}

/** `20261124T223015123Z`: UTC, sortable, safe in file names on every OS. */
export function compactUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('.', '');
}

/** Parses ISO-8601 text or epoch milliseconds into epoch ms; null when it is neither. */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.round(value) : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}
