import { z } from 'zod';
import type { GateEventRequest } from '../../common/api/gates.js';

/** An id a gate or its controller makes: printable, no spaces, at most 64 characters. */
const gateText = z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

/**
 * The body of `POST /api/gate-events` (GateEventRequest), strict: unknown fields are refused so
 * a misconfigured turnstile is noticed at once. `at` is ISO 8601 with an offset, or epoch ms.
 */
export const gateEventRequestSchema: z.ZodType<GateEventRequest> = z
  .object({
    gateId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a device id from the site file'),
    eventId: gateText,
    at: z.union([
      z.number().int().min(0).max(8_640_000_000_000_000),
      z.string().max(40).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, 'ISO 8601 with a time zone offset, e.g. 2026-12-05T07:31:02+08:00'),
    ]),
    direction: z.enum(['in', 'out']),
    credential: z.object({ kind: z.enum(['card', 'face', 'id-card']), value: gateText }).strict(),
    photo: z.string().max(1_000_000).optional(),
  })
  .strict();

/** The event's time as UTC epoch ms, or null when the text is not a real instant. */
export function eventTime(at: string | number): number | null {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return Number.isFinite(ms) ? ms : null;
}
