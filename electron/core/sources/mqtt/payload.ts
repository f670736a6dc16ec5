import { parseTimestamp } from '../../../common/time.js';

export type DecodedPayload = { ok: true; ts: number; deviceTime: boolean; values: Record<string, unknown> } | { ok: false; reason: string };

/** Largest payload accepted; a device reading is a few hundred bytes. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

/** How far a device clock may run ahead before its timestamp is refused. */
const MAX_FUTURE_MS = 5 * 60_000;
/** Readings older than this are refused: a replayed buffer from a week-old outage is not live data. */
const MAX_AGE_MS = 7 * 24 * 3600_000;

/**
 * Decodes one device message: a JSON object whose `ts` is ISO-8601 or epoch ms (receive time when
 * absent); every other field is a value checked later by the kind's schema.
 */
export function decodeJsonPayload(payload: Buffer, receivedAt: number): DecodedPayload {
  if (payload.length > MAX_PAYLOAD_BYTES) return { ok: false, reason: `payload of ${payload.length} bytes exceeds ${MAX_PAYLOAD_BYTES}` };
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'payload is not valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'payload must be a JSON object' };
  const { ts: rawTs, ...values } = json as Record<string, unknown>;
  let ts = receivedAt;
  if (rawTs !== undefined) {
    const parsed = parseTimestamp(rawTs);
    if (parsed === null) return { ok: false, reason: 'ts: expected ISO-8601 text or epoch milliseconds' };
    if (parsed > receivedAt + MAX_FUTURE_MS) return { ok: false, reason: 'ts: more than 5 minutes in the future (device clock?)' };
    if (parsed < receivedAt - MAX_AGE_MS) return { ok: false, reason: 'ts: more than 7 days old' };
    ts = parsed;
  }
  return { ok: true, ts, deviceTime: rawTs !== undefined, values };
}
