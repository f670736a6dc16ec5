import { z } from 'zod';
import type { RealnamePlatformApi } from '../../common/api/realname-platform.js';

/** Untrusted input of the real-name platform methods (spread into PARAM_SCHEMAS). */
export const REALNAME_PLATFORM_PARAM_SCHEMAS: Record<keyof RealnamePlatformApi, z.ZodType> = {
  getRealnamePlatformStatus: z.undefined().or(z.object({}).strict()),
  setRealnamePlatformCredentials: z
    .object({
      platformUrl: z.string().trim().max(500).url().refine((u) => /^https?:\/\//i.test(u), 'the platform URL must start with http:// or https://'),
      appId: z.string().trim().min(1).max(128),
      // The field key is the secret's first 16 bytes (signature.ts), so shorter is refused.
      appSecret: z.string().min(16).max(256).optional(),
      projectCode: z.string().trim().min(1).max(64),
    })
    .strict(),
  syncRealnamePlatform: z.undefined().or(z.object({}).strict()),
};
