import { z } from 'zod';
import type { WorkerPortalMethod } from '../../common/api/worker-portal.js';

const id = z.coerce.number().int().positive().max(2 ** 31);
/** A choice: option indexes, at most 8 (the most options a question has). */
const choice = z.array(z.number().int().min(0).max(7)).max(8);
const empty = z.undefined().or(z.object({}).strict());

/** Untrusted input of each worker-page method (body merged with path parameters), checked before the service sees it. */
export const WORKER_PORTAL_SCHEMAS: Record<WorkerPortalMethod, z.ZodType> = {
  identify: z.union([
    z.object({ idNumber: z.string().trim().min(6).max(32), phone: z.string().trim().min(5).max(20) }).strict(),
    z.object({ code: z.string().regex(/^\d{6}$/, 'a code has 6 digits') }).strict(),
  ]),
  signOut: empty,
  me: empty,
  courses: empty,
  course: z.object({ courseId: id }).strict(),
  startExam: z.object({ courseId: id }).strict(),
  answer: z.object({ attemptId: id, questionId: z.number().int().positive().max(2 ** 31), choice }).strict(),
  submitExam: z
    .object({
      attemptId: id,
      answers: z
        .record(z.string().regex(/^\d{1,10}$/), choice)
        .refine((r) => Object.keys(r).length <= 200, 'at most 200 answers')
        .optional(),
    })
    .strict(),
  examResult: z.object({ attemptId: id }).strict(),
};
