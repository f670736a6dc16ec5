/**
 * Site-local calendar arithmetic for attendance: passages are stored as UTC epoch ms, rules are
 * written in the site's wall-clock time (`site.timeZone`, IANA). The zone's offset is looked up
 * once per UTC hour and cached, so a month of 250,000 passages costs a few thousand Intl calls,
 * not one each.
 */
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A bounded cache of (zone, UTC hour) → offset in ms; cleared whole when full. */
const offsets = new Map<string, number>();
const OFFSET_CACHE_MAX = 50_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at `epochMs`, in ms (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const hour = Math.floor(epochMs / HOUR_MS);
  const key = `${timeZone}|${hour}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const parts = formatterFor(timeZone).formatToParts(new Date(hour * HOUR_MS));
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  const offset = asUtc - hour * HOUR_MS;
  if (offsets.size >= OFFSET_CACHE_MAX) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** Site-local day (`YYYY-MM-DD`) and minute of that day (0–1439) of an instant. */
export function siteLocal(epochMs: number, timeZone: string): { day: string; minute: number } {
  const local = epochMs + zoneOffsetMs(epochMs, timeZone);
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  return { day: new Date(dayStart).toISOString().slice(0, 10), minute: Math.floor((local - dayStart) / MINUTE_MS) };
}

/** The instant of site-local `day` at `minute` after its midnight (may exceed 1440: the next day). */
export function siteInstant(day: string, minute: number, timeZone: string): number {
  const wall = Date.parse(`${day}T00:00:00Z`) + minute * MINUTE_MS;
  let guess = wall - zoneOffsetMs(wall, timeZone);
  // A second pass settles instants near an offset change (daylight saving, where zones have it).
  guess = wall - zoneOffsetMs(guess, timeZone);
  return guess;
}

/** `HH:MM` → minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** The day after `day` (`YYYY-MM-DD`), by the calendar. */
export function nextDay(day: string, by = 1): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * DAY_MS).toISOString().slice(0, 10);
}

/** Days in month `YYYY-MM` (28–31). */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).getUTCDate();
}

/** `YYYY-MM-01` … last day of the month. */
export function monthDays(month: string): string[] {
  return Array.from({ length: daysInMonth(month) }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}
