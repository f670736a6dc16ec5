import { z } from 'zod';
import { INDUCTION_LEVELS, QUESTION_KINDS, type TrainingApi } from '../../common/api/training.js';
import { COURSE_KINDS } from '../../common/workforce.js';

const id = z.coerce.number().int().positive().max(2 ** 31);

const settings = {
  kind: z.enum(COURSE_KINDS),
  level: z.enum(INDUCTION_LEVELS).nullable(),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(4000),
  hours: z.number().min(0).max(200),
  questionCount: z.number().int().min(1).max(200),
  passMark: z.number().int().min(0).max(100),
  timeLimitMinutes: z.number().int().min(1).max(600),
  attemptsAllowed: z.number().int().min(0).max(100),
  active: z.boolean(),
};

const question = {
  kind: z.enum(QUESTION_KINDS),
  text: z.string().trim().min(1).max(2000),
  options: z.array(z.string().max(500)).min(2).max(8),
  answer: z.array(z.number().int().min(0).max(7)).min(1).max(8),
  explanation: z.string().max(2000),
};

/** Untrusted input of the training methods (spread into PARAM_SCHEMAS). */
export const TRAINING_PARAM_SCHEMAS: Record<keyof TrainingApi, z.ZodType> = {
  listCourses: z.undefined().or(z.object({}).strict()),
  getCourse: z.object({ id }).strict(),
  createCourse: z.object(settings).strict(),
  updateCourse: z.object({ id, ...settings }).strict(),
  addQuestion: z.object({ courseId: id, ...question }).strict(),
  updateQuestion: z.object({ id, ...question }).strict(),
  removeQuestion: z.object({ id }).strict(),
  addTextMaterial: z.object({ courseId: id, title: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(20_000) }).strict(),
  removeMaterial: z.object({ id }).strict(),
  listExamResults: z.object({ courseId: id.optional(), workerId: id.optional(), limit: z.coerce.number().int().min(1).max(2000).optional() }).strict().optional(),
  findTrainingWorkers: z
    .object({ query: z.string().max(50).optional(), withoutInduction: z.enum(['true', 'false']).transform((v) => v === 'true').or(z.boolean()).optional(), limit: z.coerce.number().int().min(1).max(500).optional() })
    .strict()
    .optional(),
  createWorkerCode: z.object({ workerId: z.number().int().positive().max(2 ** 31) }).strict(),
  getPortalLink: z.object({ courseId: id.optional(), gateId: z.string().min(1).max(64).optional() }).strict().optional(),
};
