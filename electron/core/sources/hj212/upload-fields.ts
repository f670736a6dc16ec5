import type { Hj212Packet } from './data-segment.js';
import { parseDataTime } from './data-time.js';

/**
 * Field checks shared by every data upload (real-time and interval data alike), so a value or a
 * DataTime is accepted or refused by the same rule whichever command carried it.
 */

/** A plain decimal number (sign, fraction, exponent); not hex, not empty, not "Infinity". */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/;

/** How far a monitor's clock may run ahead before its DataTime is refused. */
export const MAX_FUTURE_MS = 5 * 60_000;

/** Whether a wire value is a plain decimal number, surrounding spaces tolerated. */
export function isPlainDecimal(text: string): boolean {
  return DECIMAL.test(text.trim());
}

/** The number a wire value holds, or null when it is no plain decimal or not finite. */
export function parseDecimal(text: string): number | null {
  if (!isPlainDecimal(text)) return null;
  const value = Number(text);
  // 1e999 passes the pattern but is no measurement.
  return Number.isFinite(value) ? value : null;
}

export type DataTimeResult = { ok: true; ts: number } | { ok: false; reason: string };

/** The packet's DataTime as UTC epoch ms, read in the site's zone; refused when absent, impossible or in the future. */
export function uploadDataTime(packet: Hj212Packet, timeZone: string, receivedAt: number): DataTimeResult {
  const dataTime = packet.cp.params.get('DataTime');
  if (dataTime === undefined) return { ok: false, reason: 'CP has no DataTime' };
  const ts = parseDataTime(dataTime, timeZone);
  if (ts === null) return { ok: false, reason: `DataTime "${dataTime.slice(0, 20)}" is not yyyyMMddHHmmss` };
  if (ts > receivedAt + MAX_FUTURE_MS) return { ok: false, reason: 'DataTime more than 5 minutes in the future (monitor clock?)' };
  return { ok: true, ts };
}
