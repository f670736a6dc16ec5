import type { CourseKind } from '../workforce.js';
import type { RouteSpec } from './route-spec.js';
import type { UserRole } from './auth.js';

/**
 * Training and exams (item 8 of the real-name rule, 建市〔2019〕18号: basic safety training before
 * entry, 在线学习、在线考试 on workers' phones). The console's side: courses, their materials and
 * question banks, exam settings, results, one-time codes and the QR codes that lead phones to the
 * worker page. The phones' own routes are in `worker-portal.ts`.
 */

/** 三级安全教育: company, project and team level; only induction courses carry a level. */
export const INDUCTION_LEVELS = ['company', 'project', 'team'] as const;
export type InductionLevel = (typeof INDUCTION_LEVELS)[number];

/** Single choice, multiple choice (all correct options and no wrong one, no partial credit), true/false. */
export const QUESTION_KINDS = ['single', 'multiple', 'true-false'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** What a course's material is; files are sniffed by their bytes on upload, never by the name. */
export const MATERIAL_KINDS = ['text', 'image', 'pdf', 'video'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/** The largest material file accepted (a site-made video of a few minutes). */
export const MATERIAL_MAX_BYTES = 200 * 1024 * 1024;

/** Raw upload route of a material file: body = the file, name in `X-Filename`, title in `X-Title` (both URL-encoded). */
export const MATERIAL_UPLOAD_PATH = '/api/training/materials';
export const MATERIAL_COURSE_HEADER = 'x-course-id';
export const MATERIAL_TITLE_HEADER = 'x-title';
export const MATERIAL_FILENAME_HEADER = 'x-filename';

/** Seconds after the deadline an answer is still taken (a phone on slow Wi-Fi); later ones are refused. */
export const EXAM_GRACE_SECONDS = 30;

/** How long a one-time code from the office is valid, and how many digits it has. */
export const WORKER_CODE_TTL_MINUTES = 15;
export const WORKER_CODE_DIGITS = 6;

/** Who may create and edit courses, make one-time codes and print QR sheets. */
export const TRAINING_EDITORS: readonly UserRole[] = ['admin', 'safety', 'labour'];

/** A course's exam settings and hours. */
export interface CourseSettings {
  kind: CourseKind;
  /** Induction courses only: which of the three levels. */
  level: InductionLevel | null;
  title: string;
  description: string;
  /** Training hours (学时) credited on a pass. */
  hours: number;
  /** Questions drawn at random for each attempt (at most the bank's active questions). */
  questionCount: number;
  /** Pass mark in percent (0–100). */
  passMark: number;
  /** Time limit of one attempt, minutes. */
  timeLimitMinutes: number;
  /** Attempts a worker may make; 0 = no limit. */
  attemptsAllowed: number;
  /** Inactive courses are not offered to phones. */
  active: boolean;
}

export interface CourseSummary extends CourseSettings {
  id: number;
  /** Active questions in the bank. */
  bankSize: number;
  materialCount: number;
  /** Distinct workers who passed. */
  passedWorkers: number;
  attempts: number;
  updatedAt: number;
}

export interface MaterialView {
  id: number;
  courseId: number;
  kind: MaterialKind;
  title: string;
  /** Text materials: the text; files: null. */
  body: string | null;
  mime: string | null;
  bytes: number | null;
  position: number;
}

export interface QuestionInput {
  kind: QuestionKind;
  text: string;
  /** Choices in order; true/false questions have exactly ['对', '错'] or two options of the site's wording. */
  options: string[];
  /** Indexes into `options` of the correct choices (one for single and true/false). */
  answer: number[];
  explanation: string;
}

export interface QuestionView extends QuestionInput {
  id: number;
  courseId: number;
}

export interface CourseDetail extends CourseSummary {
  materials: MaterialView[];
  questions: QuestionView[];
}

/** One exam attempt as the office sees it. */
export interface ExamResultView {
  attemptId: number;
  courseId: number;
  courseTitle: string;
  workerId: number;
  workerName: string;
  idMasked: string;
  startedAt: number;
  /** null while the attempt is open. */
  submittedAt: number | null;
  /** Seconds from start to submission. */
  durationSeconds: number | null;
  score: number | null;
  passed: boolean | null;
  status: 'open' | 'submitted' | 'timed-out';
}

/** A worker as the training office looks them up (numbers masked). */
export interface TrainingWorkerView {
  id: number;
  name: string;
  idMasked: string;
  trade: string;
  inductionPassed: boolean;
  trainingHours: number;
}

/** A one-time code for a worker without a phone number on file or who forgot it; shown once. */
export interface WorkerCodeView {
  code: string;
  workerId: number;
  workerName: string;
  expiresAt: number;
}

/** Where phones reach the worker page, and a QR code of the first address. */
export interface PortalLinkView {
  /** Worker page URLs on each LAN address of the core (the first is in the QR code). */
  urls: string[];
  /** The QR code as an SVG document. */
  qrSvg: string;
  /** HTTPS with a self-signed certificate: each phone shows a warning once. */
  selfSigned: boolean;
  tls: boolean;
}

export interface TrainingApi {
  listCourses(): Promise<CourseSummary[]>;
  getCourse(request: { id: number }): Promise<CourseDetail>;
  createCourse(request: CourseSettings): Promise<CourseDetail>;
  updateCourse(request: CourseSettings & { id: number }): Promise<CourseDetail>;
  addQuestion(request: QuestionInput & { courseId: number }): Promise<QuestionView>;
  updateQuestion(request: QuestionInput & { id: number }): Promise<QuestionView>;
  /** Taken out of the bank; attempts that drew it are still graded with it. */
  removeQuestion(request: { id: number }): Promise<{ ok: true }>;
  addTextMaterial(request: { courseId: number; title: string; body: string }): Promise<MaterialView>;
  removeMaterial(request: { id: number }): Promise<{ ok: true }>;
  /** Attempts, newest first, for a course, a worker, or all. */
  listExamResults(request?: { courseId?: number; workerId?: number; limit?: number }): Promise<ExamResultView[]>;
  /** Workers by name or the last digits of the ID (masked), with induction status and hours. */
  findTrainingWorkers(request?: { query?: string; withoutInduction?: boolean; limit?: number }): Promise<TrainingWorkerView[]>;
  createWorkerCode(request: { workerId: number }): Promise<WorkerCodeView>;
  /** The worker page's LAN address for a course or a gate, with its QR code. */
  getPortalLink(request?: { courseId?: number; gateId?: string }): Promise<PortalLinkView>;
}

const EDIT = TRAINING_EDITORS;

export const TRAINING_ROUTES = {
  listCourses: { verb: 'GET', path: '/api/training/courses', auth: true },
  getCourse: { verb: 'GET', path: '/api/training/courses/:id', auth: true },
  createCourse: { verb: 'POST', path: '/api/training/courses', auth: true, roles: EDIT },
  updateCourse: { verb: 'POST', path: '/api/training/courses/:id', auth: true, roles: EDIT },
  addQuestion: { verb: 'POST', path: '/api/training/courses/:courseId/questions', auth: true, roles: EDIT },
  updateQuestion: { verb: 'POST', path: '/api/training/questions/:id', auth: true, roles: EDIT },
  removeQuestion: { verb: 'DELETE', path: '/api/training/questions/:id', auth: true, roles: EDIT },
  addTextMaterial: { verb: 'POST', path: '/api/training/courses/:courseId/texts', auth: true, roles: EDIT },
  removeMaterial: { verb: 'DELETE', path: '/api/training/materials/:id', auth: true, roles: EDIT },
  listExamResults: { verb: 'GET', path: '/api/training/results', auth: true },
  findTrainingWorkers: { verb: 'GET', path: '/api/training/workers', auth: true },
  createWorkerCode: { verb: 'POST', path: '/api/training/worker-codes', auth: true, roles: EDIT },
  getPortalLink: { verb: 'GET', path: '/api/training/portal-link', auth: true },
} as const satisfies Record<keyof TrainingApi, RouteSpec>;
