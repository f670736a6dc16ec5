/**
 * A statistics period resolved to the site's days. Weeks run Monday to Sunday (ISO 8601, as
 * Chinese site weeks are counted); months are calendar months in the site's time zone.
 */
import { ApiError } from '../../common/api/errors.js';
import { MAX_RANGE_DAYS, type ResolvedStatPeriod, type StatPeriodRequest } from '../../common/statistics.js';
import { nextDay, siteInstant, siteLocal } from '../workforce/attendance-clock.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkDay(value: string, field: string): string {
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new ApiError('bad-request', `${field} must be a calendar day as YYYY-MM-DD, not "${value}"`, field);
  }
  return value;
}

export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) days.push(d);
  return days;
}

export function resolvePeriod(request: StatPeriodRequest, timeZone: string, now: number): ResolvedStatPeriod {
  const today = siteLocal(now, timeZone).day;
  let from: string;
  let to: string;
  if (request.period === 'range') {
    if (!request.from || !request.to) throw new ApiError('bad-request', 'a range needs both "from" and "to" (YYYY-MM-DD)', request.from ? 'to' : 'from');
    from = checkDay(request.from, 'from');
    to = checkDay(request.to, 'to');
    if (from > to) throw new ApiError('bad-request', `"from" (${from}) is after "to" (${to}); swap them`, 'from');
    const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
    if (span > MAX_RANGE_DAYS) {
      throw new ApiError('bad-request', `a range may span at most ${MAX_RANGE_DAYS} days (this one spans ${span}); ask for a year month by month`, 'to');
    }
  } else {
    if (request.from !== undefined || request.to !== undefined) throw new ApiError('bad-request', `"from" and "to" belong to period=range; a ${request.period} takes "date"`, 'from');
    const date = request.date === undefined ? today : checkDay(request.date, 'date');
    if (request.period === 'day') {
      from = to = date;
    } else if (request.period === 'week') {
      const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
      from = nextDay(date, -weekday);
      to = nextDay(from, 6);
    } else {
      from = `${date.slice(0, 7)}-01`;
      const [y, m] = date.split('-').map(Number);
      to = `${date.slice(0, 7)}-${String(new Date(Date.UTC(y!, m!, 0)).getUTCDate()).padStart(2, '0')}`;
    }
  }
  return { kind: request.period, from, to, days: daysBetween(from, to), timeZone, startMs: siteInstant(from, 0, timeZone), endMs: siteInstant(to, 1440, timeZone) };
}
