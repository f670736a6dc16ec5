/**
 * `DataTime` (and `QN`'s first 14 digits) in HJ 212-2017 is local wall-clock time, `yyyyMMddHHmmss`,
 * with no zone on the wire: monitors are set to the time where they stand. We read it in the
 * site's IANA zone and store UTC epoch ms like every other reading.
 */
const DATA_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** Epoch ms for a `yyyyMMddHHmmss` wall-clock time in `timeZone`; null when it is no real time. */
export function parseDataTime(text: string, timeZone: string): number | null {
  const m = DATA_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 April over into 1 May; a date that moved was not a date.
  if (new Date(wall).getUTCDate() !== day) return null;
  // First guess with the offset at the wall time read as UTC, then correct once with the offset at
  // the result: exact except inside a daylight-saving jump (not an issue for China's zones).
  const guess = wall - offsetMs(wall, timeZone);
  return wall - offsetMs(guess, timeZone);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `epochMs` (Asia/Shanghai: +8 h). */
function offsetMs(epochMs: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    // A handful of zones at most per process; bounded anyway.
    if (formatters.size > 32) formatters.clear();
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(epochMs)) parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** Throws a RangeError naming the zone when it is not an IANA zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new RangeError(`unknown time zone "${timeZone}" (expected an IANA zone such as Asia/Shanghai)`);
  }
}
