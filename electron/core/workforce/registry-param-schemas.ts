/**
 * Untrusted input of the registry's API methods (strict zod schemas). Shapes and sizes only: the
 * field rules (ID check digits, dates, credit codes, Luhn) are in worker-validation.ts, which
 * gathers every problem of a registration into one answer.
 */
import { z } from 'zod';
import type { ApiMethod } from '../../common/api.js';
import { CERTIFICATE_TYPES, COMPANY_KINDS, CONTRACT_TYPES, COURSE_KINDS, ID_TYPES, WAGE_KINDS } from '../../common/workforce.js';

const id = z.coerce.number().int().positive().max(2 ** 31);
const text = (max: number) => z.string().max(max);
const optText = (max: number) => z.string().max(max).nullable().optional();
const day = z.string().max(10);
const optDay = day.nullable().optional();

const workerFields = {
  name: text(64),
  gender: z.enum(['M', 'F']).nullable().optional(),
  ethnicity: optText(16),
  birthDate: optDay,
  address: optText(200),
  issuingAuthority: optText(100),
  idValidFrom: optDay,
  idValidTo: optDay,
  phone: optText(20),
  education: optText(32),
  trade: text(32),
  isManager: z.boolean().optional(),
  post: optText(32),
  bankName: optText(64),
  bankCard: optText(30),
  emergencyContact: optText(64),
  emergencyPhone: optText(20),
  cardNo: optText(32),
  faceId: optText(64),
};

const worker = z.object({ ...workerFields, idType: z.enum(ID_TYPES), idNumber: text(40) }).strict();
const workerChanges = z.object(workerFields).partial().strict();

const membership = z
  .object({
    companyId: id,
    teamId: id.nullable().optional(),
    role: z.enum(['worker', 'manager', 'team-leader']).optional(),
    enteredOn: day,
    contractType: z.enum(CONTRACT_TYPES).nullable().optional(),
    contractStart: optDay,
    contractEnd: optDay,
    wageKind: z.enum(WAGE_KINDS).nullable().optional(),
    wageRateFen: z.number().int().nullable().optional(),
  })
  .strict();

const certificate = z
  .object({ type: z.enum(CERTIFICATE_TYPES), number: text(64), issuer: optText(100), validFrom: day, validTo: day, reviewDate: optDay })
  .strict();

const none = z.undefined().or(z.object({}).strict());

export const WORKFORCE_REGISTRY_PARAM_SCHEMAS = {
  getRosterCounts: none,
  listCompanies: none,
  createCompany: z
    .object({ creditCode: text(30), name: z.string().trim().min(1).max(100), kind: z.enum(COMPANY_KINDS), contact: optText(64), phone: optText(20) })
    .strict(),
  updateCompany: z
    .object({ id, name: z.string().trim().min(1).max(100).optional(), kind: z.enum(COMPANY_KINDS).optional(), contact: optText(64), phone: optText(20) })
    .strict(),
  listTeams: z.object({ companyId: id.optional() }).strict().optional(),
  createTeam: z.object({ companyId: id, name: z.string().trim().min(1).max(64), leaderWorkerId: id.nullable().optional() }).strict(),
  updateTeam: z.object({ id, name: z.string().trim().min(1).max(64).optional(), leaderWorkerId: id.nullable().optional() }).strict(),
  listWorkers: z
    .object({
      companyId: id.optional(),
      teamId: id.optional(),
      trade: z.string().max(32).optional(),
      status: z.enum(['active', 'exited', 'all']).optional(),
      search: z.string().max(64).optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
      offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
    })
    .strict()
    .optional(),
  getWorker: z.object({ id }).strict(),
  registerWorker: z.object({ worker, membership, certificates: z.array(certificate).max(20).optional() }).strict(),
  updateWorker: z.object({ id, changes: workerChanges }).strict(),
  exitWorker: z.object({ id, exitedOn: day, reason: z.string().max(500).optional() }).strict(),
  reenterWorker: z.object({ id, membership }).strict(),
  revealWorkerNumbers: z.object({ id }).strict(),
  addWorkerCertificate: z.object({ workerId: id, certificate }).strict(),
  listWorkerCertificates: z.object({ workerId: id }).strict(),
  addOfficeTraining: z
    .object({
      workerId: id,
      kind: z.enum(COURSE_KINDS),
      title: z.string().trim().min(1).max(100),
      hours: z.number().min(0).max(1000),
      passed: z.boolean(),
      score: z.number().min(0).max(1000).nullable().optional(),
      on: day,
    })
    .strict(),
  listWorkerTraining: z.object({ workerId: id }).strict(),
  addWorkerConduct: z.object({ workerId: id, kind: z.enum(['good', 'bad']), text: z.string().trim().min(1).max(2000) }).strict(),
  listWorkerConduct: z.object({ workerId: id }).strict(),
  listWorkerBlacklist: none,
  blacklistWorker: z.object({ workerId: id, reason: z.string().trim().min(1).max(500) }).strict(),
  unblacklistWorker: z.object({ id, reason: z.string().max(500).optional() }).strict(),
  listWorkerChanges: z.object({ workerId: id.optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }).strict().optional(),
} satisfies Partial<Record<ApiMethod, z.ZodType>>;
