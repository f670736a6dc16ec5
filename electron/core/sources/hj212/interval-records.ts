import type { IntervalKind, IntervalValue } from '../../../common/intervals.js';
import type { Hj212Packet } from './data-segment.js';
import { parseDecimal, uploadDataTime } from './upload-fields.js';

/** The interval-data uploads (HJ 212-2017 appendix B) and the interval each covers. */
export const INTERVAL_COMMANDS: ReadonlyMap<string, IntervalKind> = new Map([
  ['2051', 'minute'],
  ['2061', 'hour'],
  ['2031', 'day'],
] as const);

/** The aggregate fields of an interval upload (`a34002-Avg=…`) and the IntervalValue field each fills. */
const AGGREGATE_FIELDS = [
  ['Avg', 'avg'],
  ['Min', 'min'],
  ['Max', 'max'],
  ['Cou', 'cou'],
] as const;

/**
 * A pollutant code as monitors write them: `a34002`, `w01018`, `LA`, `Leq`, `L10`, and the 2005
 * codes (`01`, `B02`). Codes are stored whatever they are, since interval data are kept as sent,
 * but a key of punctuation or 40 characters is line noise, not a pollutant.
 */
const POLLUTANT_CODE = /^[A-Za-z0-9]{1,16}$/;

/** A data flag: N normal, F stopped, M maintenance, S set by hand, D fault, C calibration, T over range, B link down… */
const DATA_FLAG = /^[A-Za-z]{1,2}$/;

/** An interval upload read off the wire, before it is tied to a device. */
export interface Hj212Interval {
  kind: IntervalKind;
  /** DataTime as UTC epoch ms (wall clock read in the site's zone). */
  dataTime: number;
  values: IntervalValue[];
  /** Codes left out, with why (a value that is not a number, a code or flag that is none); for debug logs. */
  dropped: string[];
}

export type IntervalResult = { ok: true; interval: Hj212Interval } | { ok: false; reason: string };

/**
 * Reads a minute, hour or day upload (CN 2051/2061/2031). Unlike real-time data, every pollutant
 * is kept with its Avg/Min/Max/Cou and its flag as sent, flagged ones included: these records are
 * the monitor's own statistics, and a compliance count must be able to say which hours were
 * maintenance. A pollutant with a field that is not a plain number, or with no aggregate field at
 * all, is left out whole: one garbled field makes the others of that pollutant doubtful. A record
 * with no DataTime (or an impossible or future one) or with no usable pollutant is refused.
 */
export function toIntervalRecord(packet: Hj212Packet, timeZone: string, receivedAt: number): IntervalResult {
  const kind = INTERVAL_COMMANDS.get(packet.cn);
  if (!kind) return { ok: false, reason: `CN ${packet.cn} is not minute, hour or day data` };
  const time = uploadDataTime(packet, timeZone, receivedAt);
  if (!time.ok) return time;

  const values: IntervalValue[] = [];
  const dropped: string[] = [];
  for (const [code, fields] of packet.cp.pollutants) {
    const value = readValue(code, fields);
    if (typeof value === 'string') dropped.push(value);
    else values.push(value);
  }
  if (values.length === 0) {
    const why = dropped.length ? `no usable pollutant value (${dropped.slice(0, 3).join('; ')})` : 'CP carries no pollutant values';
    return { ok: false, reason: `${kind} data refused: ${why}` };
  }
  return { ok: true, interval: { kind, dataTime: time.ts, values, dropped } };
}

/** One pollutant's aggregate, or why it was left out. */
function readValue(code: string, fields: ReadonlyMap<string, string>): IntervalValue | string {
  if (!POLLUTANT_CODE.test(code)) return `"${code.slice(0, 16)}": not a pollutant code`;
  const value: IntervalValue = { code, avg: null, min: null, max: null, cou: null, flag: null };
  let any = false;
  for (const [wire, field] of AGGREGATE_FIELDS) {
    const text = fields.get(wire);
    if (text === undefined) continue;
    const number = parseDecimal(text);
    if (number === null) return `${code}: ${wire} "${text.slice(0, 12)}" is not a number`;
    value[field] = number;
    any = true;
  }
  if (!any) return `${code}: no Avg, Min, Max or Cou`;
  const flag = fields.get('Flag')?.trim();
  if (flag !== undefined) {
    if (!DATA_FLAG.test(flag)) return `${code}: flag "${flag.slice(0, 4)}" is not a data flag`;
    // Upper case, as the standard writes them: a monitor sending `n` means N.
    value.flag = flag.toUpperCase();
  }
  return value;
}
