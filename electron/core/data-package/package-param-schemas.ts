import { z } from 'zod';
import type { ApiMethod } from '../../common/api.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a site day YYYY-MM-DD, e.g. 2026-03-14');

/** Untrusted input of the data-package methods (spread into PARAM_SCHEMAS). */
export const DATA_PACKAGE_PARAM_SCHEMAS = {
  listDataPackages: z.undefined().or(z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() }).strict()),
  requestDataPackage: z.object({ from: day, to: day }).strict(),
  getDataPackage: z.object({ id: z.string().regex(/^[0-9a-f]{12}$/, 'a package id (12 hex digits)') }).strict(),
  getSiteSigningKey: z.undefined().or(z.object({}).strict()),
} satisfies Partial<Record<ApiMethod, z.ZodType>>;
