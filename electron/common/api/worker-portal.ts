import type { CourseKind } from '../workforce.js';
import type { InductionLevel, MaterialKind, QuestionKind } from './training.js';

/**
 * The worker page's own contract: what a phone on the site Wi-Fi may ask the core. Served by a raw
 * route group (core/workforce/worker-portal-http.ts) that accepts only worker tokens: a console
 * session is refused here and a worker token is refused by the console API. The worker is always
 * the session's, never a field of the request, so nobody can answer for someone else.
 * Workers have no passwords (建市〔2019〕18号 asks for real-name identity, not accounts): they
 * identify with ID number plus the phone number on file, or a one-time code from the office.
 */

/** Where the worker page is served (a second, small Vite entry; the console's bundle is not what a phone loads). */
export const WORKER_PAGE_PATH = '/worker.html';

/** Worker sessions are short: one sitting of study and exam. */
export const WORKER_SESSION_TTL_MINUTES = 120;

/** How a phone identifies: ID number + phone on file, or a one-time code from the office. */
export type WorkerIdentification = { idNumber: string; phone: string } | { code: string };

export interface WorkerSessionView {
  token: string;
  expiresAt: number;
  name: string;
}

/** What the worker sees about themself (numbers masked). */
export interface WorkerSelfView {
  name: string;
  idMasked: string;
  trade: string;
  company: string | null;
  team: string | null;
  inductionPassed: boolean;
  /** Sum of hours of passed training records. */
  trainingHours: number;
  records: { title: string; kind: CourseKind; hours: number; score: number | null; at: number; source: 'exam' | 'office' }[];
  /** Site-days this month (site time zone) with an admitted entry at a gate. */
  attendanceDaysThisMonth: number;
  month: string;
}

/** A course as offered to a worker, with where they stand in it. */
export interface WorkerCourseView {
  id: number;
  kind: CourseKind;
  level: InductionLevel | null;
  title: string;
  description: string;
  hours: number;
  questionCount: number;
  passMark: number;
  timeLimitMinutes: number;
  attemptsAllowed: number;
  attemptsUsed: number;
  passed: boolean;
  bestScore: number | null;
  /** An attempt still running (the page resumes it). */
  openAttemptId: number | null;
  /** Induction courses come first while the worker has not passed induction. */
  required: boolean;
}

export interface WorkerMaterialView {
  id: number;
  kind: MaterialKind;
  title: string;
  body: string | null;
  mime: string | null;
  /** Files: a URL with a short ticket for this file (an <img> or <video> cannot send the token). */
  url: string | null;
}

export interface WorkerCourseDetail extends WorkerCourseView {
  materials: WorkerMaterialView[];
}

/** A drawn question as the phone shows it: no answer, no explanation. */
export interface ExamQuestionView {
  id: number;
  kind: QuestionKind;
  text: string;
  options: string[];
}

export interface ExamAttemptView {
  attemptId: number;
  courseId: number;
  courseTitle: string;
  startedAt: number;
  deadlineAt: number;
  /** The core's clock when it answered, so the phone's timer does not trust the phone's clock. */
  serverNow: number;
  questions: ExamQuestionView[];
  /** Answers saved so far, by question id. */
  answers: Record<string, number[]>;
}

/** A graded attempt: score, pass, and per question the right answer and why. */
export interface ExamResultDetail {
  attemptId: number;
  courseId: number;
  courseTitle: string;
  score: number;
  passMark: number;
  passed: boolean;
  submittedAt: number;
  /** The attempt closed at its deadline (late answers were not taken). */
  timedOut: boolean;
  hoursCredited: number;
  questions: (ExamQuestionView & { chosen: number[]; answer: number[]; correct: boolean; explanation: string })[];
}

/** The worker page's methods (each one HTTP route below). */
export interface WorkerPortalApi {
  identify(request: WorkerIdentification): Promise<WorkerSessionView>;
  signOut(): Promise<{ ok: true }>;
  me(): Promise<WorkerSelfView>;
  courses(): Promise<WorkerCourseView[]>;
  course(request: { courseId: number }): Promise<WorkerCourseDetail>;
  /** Starts an attempt, or resumes the open one. */
  startExam(request: { courseId: number }): Promise<ExamAttemptView>;
  /** Saves one answer (the phone saves as the worker goes, so a dropped connection loses nothing). */
  answer(request: { attemptId: number; questionId: number; choice: number[] }): Promise<{ saved: true; deadlineAt: number }>;
  submitExam(request: { attemptId: number; answers?: Record<string, number[]> }): Promise<ExamResultDetail>;
  examResult(request: { attemptId: number }): Promise<ExamResultDetail>;
}

export interface WorkerRouteSpec {
  verb: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** Whether a worker token is needed (all but identify). */
  auth: boolean;
}

export const WORKER_PORTAL_ROUTES = {
  identify: { verb: 'POST', path: '/api/worker/session', auth: false },
  signOut: { verb: 'DELETE', path: '/api/worker/session', auth: true },
  me: { verb: 'GET', path: '/api/worker/me', auth: true },
  courses: { verb: 'GET', path: '/api/worker/courses', auth: true },
  course: { verb: 'GET', path: '/api/worker/courses/:courseId', auth: true },
  startExam: { verb: 'POST', path: '/api/worker/courses/:courseId/exam', auth: true },
  answer: { verb: 'POST', path: '/api/worker/attempts/:attemptId/answer', auth: true },
  submitExam: { verb: 'POST', path: '/api/worker/attempts/:attemptId/submit', auth: true },
  examResult: { verb: 'GET', path: '/api/worker/attempts/:attemptId', auth: true },
} as const satisfies Record<keyof WorkerPortalApi, WorkerRouteSpec>;

export type WorkerPortalMethod = keyof WorkerPortalApi;

/** Material files: `/api/worker/files/MATERIAL_ID?ticket=…` (the ticket names the material). */
export const WORKER_FILE_PREFIX = '/api/worker/files/';
