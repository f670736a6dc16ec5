import { z } from 'zod';

/** Untrusted input of the uplink methods (spread into PARAM_SCHEMAS). */
export const UPLINK_PARAM_SCHEMAS = {
  getUplinkStatus: z.union([z.undefined(), z.object({}).strict()]),
  setUplinkPassword: z.object({ password: z.string().min(16, 'the broker password the platform gave: at least 16 characters').max(200) }).strict(),
};
