/** Untrusted input of the registry and blacklist methods (used by core/api/param-schemas.ts). */
import { z } from 'zod';

/** A calendar date, YYYY-MM-DD, that exists (no 2026-02-30). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'no such date');

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** ENU metres; a site is at most a few km across, so ±10 km catches a typed-in digit too many. */
const metres = z.number().finite().min(-10_000).max(10_000);

export const UPDATE_DEVICE_SCHEMA = z
  .object({
    id: z.string().min(1).max(64),
    name: text(100).nullable().optional(),
    model: text(100).nullable().optional(),
    supplier: text(200).nullable().optional(),
    serial: text(100).nullable().optional(),
    installedOn: calendarDate.nullable().optional(),
    calibratedOn: calendarDate.nullable().optional(),
    position: z.object({ e: metres, n: metres, u: metres.min(-500).max(1000) }).strict().nullable().optional(),
    expectedIntervalS: z.number().positive('must be more than 0').max(86_400, 'at most 86,400 s (a day)').nullable().optional(),
  })
  .strict();

export const ADD_BLACKLIST_SCHEMA = z
  .object({
    model: z.string().trim().max(100).optional(),
    supplier: z.string().trim().max(200).optional(),
    reason: text(500),
  })
  .strict();

export const REMOVE_BLACKLIST_SCHEMA = z.object({ id: z.coerce.number().int().positive() }).strict();
