import { z } from 'zod';
import type { ApiMethod } from '../../common/api.js';

/** Untrusted input of each API method, checked before a handler sees it. */
export const PARAM_SCHEMAS: Record<ApiMethod, z.ZodType> = {
  health: z.undefined().or(z.object({}).strict()),
  login: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
  logout: z.undefined().or(z.object({}).strict()),
  getSite: z.undefined().or(z.object({}).strict()),
  listDevices: z.undefined().or(z.object({}).strict()),
  getTelemetry: z
    .object({
      deviceId: z.string().min(1).max(64),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      limit: z.coerce.number().int().min(1).max(50_000).optional(),
    })
    .strict(),
};
