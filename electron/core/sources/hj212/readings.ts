import type { DustReading, DustTelemetry } from '../../../common/telemetry.js';
import type { Hj212Packet } from './data-segment.js';
import { parseDataTime } from './data-time.js';

/**
 * The upload commands this adapter stores (HJ 212-2017 appendix B) and which field of each
 * pollutant holds the value. Minute, hour and day data carry Min/Avg/Max(/Cou); the average is
 * the value of the interval. The interval itself is not kept: a TelemetryRecord has no place for it.
 */
export const DATA_COMMANDS: ReadonlyMap<string, { name: string; valueField: 'Rtd' | 'Avg' }> = new Map([
  ['2011', { name: 'real-time data', valueField: 'Rtd' }],
  ['2051', { name: 'minute data', valueField: 'Avg' }],
  ['2061', { name: 'hour data', valueField: 'Avg' }],
  ['2031', { name: 'day data', valueField: 'Avg' }],
] as const);

/**
 * Pollutant codes (HJ 212-2017 appendix B, ambient air and meteorology) and the DustReading
 * field each fills — the same fields the MQTT adapter delivers. Units as construction-site
 * monitors send them: particulates in µg/m³, temperature °C, humidity %, wind m/s and degrees.
 */
export const POLLUTANT_FIELDS: ReadonlyMap<string, keyof DustTelemetry> = new Map([
  ['a34001', 'tsp'],
  ['a34002', 'pm10'],
  ['a34004', 'pm25'],
  ['a01001', 'tempC'],
  ['a01002', 'rh'],
  ['a01007', 'windMs'],
  ['a01008', 'windDir'],
] as const);

/**
 * Noise, dB(A), in the order one is preferred when a monitor sends several: `Leq` (equivalent
 * continuous level, what `noiseDb` means), then `a50001` (the 2017 code for noise), then `LA`
 * (A-weighted level, what most site monitors send in 2011 frames). L10/L50/L90 are percentile
 * levels, not the equivalent level, and are ignored.
 */
export const NOISE_CODES = ['Leq', 'a50001', 'LA'] as const;

/** HJ 212-2017 data flag N: the instrument was running normally. */
const NORMAL_FLAG = 'N';

/** A plain decimal number (sign, fraction, exponent); not hex, not empty, not "Infinity". */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/;

/** How far a monitor's clock may run ahead before its DataTime is refused. */
const MAX_FUTURE_MS = 5 * 60_000;

export interface DustReadingFromHj212 {
  /** DataTime as UTC epoch ms. */
  ts: number;
  values: DustReading;
  /** Codes whose value was left out, with why (flag not N, not a number); for debug logs. */
  dropped: string[];
}

export type ReadingResult = { ok: true; reading: DustReadingFromHj212 } | { ok: false; reason: string };

/**
 * Turns an upload packet (a command in DATA_COMMANDS) into a dust reading. Codes this console
 * does not show are ignored; values that are not numbers are dropped, as are values whose flag is
 * not N: a reading taken during maintenance (M), calibration (C), a fault (D) or with the
 * instrument stopped (F) is not a measurement of the air and would raise false alarms. A value
 * with no flag at all is kept, as many monitors omit flags for meteorological items.
 * Range checks are left to the pipeline's schema, as for MQTT.
 */
export function toDustReading(packet: Hj212Packet, timeZone: string, receivedAt: number): ReadingResult {
  const command = DATA_COMMANDS.get(packet.cn);
  if (!command) return { ok: false, reason: `CN ${packet.cn} is not a data upload this console stores` };
  const dataTime = packet.cp.params.get('DataTime');
  if (dataTime === undefined) return { ok: false, reason: 'CP has no DataTime' };
  const ts = parseDataTime(dataTime, timeZone);
  if (ts === null) return { ok: false, reason: `DataTime "${dataTime.slice(0, 20)}" is not yyyyMMddHHmmss` };
  if (ts > receivedAt + MAX_FUTURE_MS) return { ok: false, reason: 'DataTime more than 5 minutes in the future (monitor clock?)' };

  const values: DustReading = {};
  const dropped: string[] = [];
  const valueOf = (code: string): number | undefined => {
    const fields = packet.cp.pollutants.get(code);
    const text = fields?.get(command.valueField);
    if (!fields || text === undefined) return undefined;
    const flag = fields.get('Flag');
    if (flag !== undefined && flag.trim().toUpperCase() !== NORMAL_FLAG) {
      dropped.push(`${code}: flag ${flag.slice(0, 4)}`);
      return undefined;
    }
    if (!DECIMAL.test(text.trim())) {
      dropped.push(`${code}: not a number`);
      return undefined;
    }
    return Number(text);
  };

  for (const [code, field] of POLLUTANT_FIELDS) {
    const value = valueOf(code);
    if (value !== undefined) values[field] = value;
  }
  for (const code of NOISE_CODES) {
    const value = valueOf(code);
    if (value !== undefined && values.noiseDb === undefined) values.noiseDb = value;
  }
  return { ok: true, reading: { ts, values, dropped } };
}
