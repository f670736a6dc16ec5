import { z } from 'zod';

const none = z.undefined().or(z.object({}).strict());

/** Untrusted input of the gate methods (spread into PARAM_SCHEMAS). */
export const GATE_PARAM_SCHEMAS = {
  getHeadcount: none,
  listPassages: z
    .undefined()
    .or(z.object({ limit: z.coerce.number().int().min(1).max(500).optional(), beforeId: z.coerce.number().int().positive().optional() }).strict()),
  getCertificateWatch: none,
  getGateStats: none,
  issueGateToken: z.object({ gateId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a gate device id from the site file') }).strict(),
};
