import type { DustReading, DustTelemetry } from '../../../common/telemetry.js';
import type { Hj212Packet } from './data-segment.js';
import { INTERVAL_COMMANDS } from './interval-records.js';
import { isPlainDecimal, uploadDataTime } from './upload-fields.js';

/**
 * CN 2011, real-time data (HJ 212-2017 appendix B): the only upload that becomes a device's
 * current values and feeds the alarm rules. Minute, hour and day data (2051/2061/2031) describe a
 * past interval and are stored apart (interval-records.ts).
 */
export const REAL_TIME_COMMAND = '2011';

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

export interface DustReadingFromHj212 {
  /** DataTime as UTC epoch ms. */
  ts: number;
  values: DustReading;
  /** Codes whose value was left out, with why (flag not N, not a number); for debug logs. */
  dropped: string[];
}

export type ReadingResult = { ok: true; reading: DustReadingFromHj212 } | { ok: false; reason: string };

/**
 * Turns a real-time upload (CN 2011, values in `-Rtd`) into a dust reading. Codes this console
 * does not show are ignored; values that are not numbers are dropped, as are values whose flag is
 * not N: a reading taken during maintenance (M), calibration (C), a fault (D) or with the
 * instrument stopped (F) is not a measurement of the air and would raise false alarms. A value
 * with no flag at all is kept, as many monitors omit flags for meteorological items.
 * Range checks are left to the pipeline's schema, as for MQTT.
 */
export function toDustReading(packet: Hj212Packet, timeZone: string, receivedAt: number): ReadingResult {
  if (packet.cn !== REAL_TIME_COMMAND) {
    const interval = INTERVAL_COMMANDS.get(packet.cn);
    return { ok: false, reason: interval ? `CN ${packet.cn} is ${interval} data, not a real-time reading` : `CN ${packet.cn} is not a data upload this console stores` };
  }
  const time = uploadDataTime(packet, timeZone, receivedAt);
  if (!time.ok) return time;
  const ts = time.ts;

  const values: DustReading = {};
  const dropped: string[] = [];
  const valueOf = (code: string): number | undefined => {
    const fields = packet.cp.pollutants.get(code);
    const text = fields?.get('Rtd');
    if (!fields || text === undefined) return undefined;
    const flag = fields.get('Flag');
    if (flag !== undefined && flag.trim().toUpperCase() !== NORMAL_FLAG) {
      dropped.push(`${code}: flag ${flag.slice(0, 4)}`);
      return undefined;
    }
    if (!isPlainDecimal(text)) {
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
