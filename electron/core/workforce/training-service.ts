import { createHash, randomBytes, randomInt } from 'node:crypto';
import { EXAM_GRACE_SECONDS, WORKER_CODE_DIGITS, WORKER_CODE_TTL_MINUTES, type CourseDetail, type CourseSettings, type QuestionInput, type QuestionView, type WorkerCodeView } from '../../common/api/training.js';
import { ApiError } from '../../common/api/errors.js';
import type { ExamAttemptView, ExamResultDetail, WorkerCourseView } from '../../common/api/worker-portal.js';
import { WORKER_SESSION_TTL_MINUTES } from '../../common/api/worker-portal.js';
import { drawQuestions } from './exam-draw.js';
import { gradeAttempt } from './exam-grading.js';
import type { AttemptRow, TrainingStore } from './training-store.js';
import type { WorkforceStore } from './workforce-store.js';

export interface TrainingServiceOptions {
  now?: () => number;
  /** Random integer in [0, n) for draws and codes (tests pass a seeded one). */
  pick?: (n: number) => number;
}

/** sha256 of a worker token; only this is stored, like the console's sessions. */
export function hashWorkerToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The rules of training and exams over TrainingStore: courses and their banks, attempts (drawn
 * set stored, deadline kept by the core), grading, the training record a pass writes, one-time
 * codes and workers' sessions.
 *
 * Time limit: the core keeps the deadline (started + limit). Answers are taken until the deadline
 * plus EXAM_GRACE_SECONDS (a phone on slow Wi-Fi); a later answer is refused, and a later submit,
 * or any look at an attempt past that point, grades the attempt on what was saved by then, as
 * submitted at the deadline (`timedOut`). The phone's clock is never trusted.
 */
export class TrainingService {
  readonly now: () => number;
  private readonly pick: (n: number) => number;
  private lastSweep = 0;

  constructor(
    readonly store: TrainingStore,
    readonly workforce: WorkforceStore,
    options: TrainingServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.pick = options.pick ?? randomInt;
  }

  // ---- courses (console) ----

  createCourse(s: CourseSettings): CourseDetail {
    const id = this.store.createCourse(normaliseSettings(s), this.now());
    return this.courseDetail(id);
  }

  updateCourse(id: number, s: CourseSettings): CourseDetail {
    if (!this.store.updateCourse(id, normaliseSettings(s), this.now())) throw new ApiError('not-found', `no course ${id}`, 'id');
    return this.courseDetail(id);
  }

  courseDetail(id: number): CourseDetail {
    const detail = this.store.courseDetail(id);
    if (!detail) throw new ApiError('not-found', `no course ${id}`, 'id');
    return detail;
  }

  addQuestion(courseId: number, q: QuestionInput): QuestionView {
    if (!this.store.course(courseId)) throw new ApiError('not-found', `no course ${courseId}`, 'courseId');
    checkQuestion(q);
    return this.store.question(this.store.addQuestion(courseId, q, this.now()))!;
  }

  updateQuestion(id: number, q: QuestionInput): QuestionView {
    checkQuestion(q);
    const newId = this.store.transaction(() => this.store.replaceQuestion(id, q, this.now()));
    if (newId === null) throw new ApiError('not-found', `no question ${id} in any bank`, 'id');
    return this.store.question(newId)!;
  }

  removeQuestion(id: number): void {
    if (!this.store.removeQuestion(id, this.now())) throw new ApiError('not-found', `no question ${id} in any bank`, 'id');
  }

  // ---- one-time codes and sessions ----

  /** A fresh 6-digit code for a worker; it collides with no other live code. */
  createCode(workerId: number, by: string): WorkerCodeView {
    const worker = this.workforce.worker(workerId);
    if (!worker) throw new ApiError('not-found', `no worker ${workerId}`, 'workerId');
    const now = this.now();
    for (let i = 0; i < 50; i++) {
      const code = String(this.pick(10 ** WORKER_CODE_DIGITS)).padStart(WORKER_CODE_DIGITS, '0');
      const codeHash = this.codeHash(code);
      if (this.store.codeLive(codeHash, now)) continue;
      const expiresAt = now + WORKER_CODE_TTL_MINUTES * 60_000;
      this.store.addCode({ codeHash, workerId, createdAt: now, expiresAt, createdBy: by });
      return { code, workerId, workerName: worker.name, expiresAt };
    }
    throw new ApiError('conflict', 'too many live codes; wait a few minutes and try again');
  }

  /** Keyed (the registry's look-up key), so a copy of the database does not give live codes away. */
  codeHash(code: string): string {
    return this.workforce.cipher.hash(`worker-code:${code}`);
  }

  /** Opens a worker session; returns the token (shown once to the phone). */
  openSession(workerId: number): { token: string; expiresAt: number } {
    const now = this.now();
    // Expired sessions go at most once a minute, not on every sign-in (a crowd signs in at once).
    if (now - this.lastSweep > 60_000) {
      this.store.sweepSessions(now);
      this.lastSweep = now;
    }
    const token = `wk.${randomBytes(32).toString('base64url')}`;
    const expiresAt = now + WORKER_SESSION_TTL_MINUTES * 60_000;
    this.store.addSession({ tokenHash: hashWorkerToken(token), workerId, createdAt: now, expiresAt });
    return { token, expiresAt };
  }

  // ---- exams (worker) ----

  /** The active courses with the worker's standing; induction first while not passed. */
  coursesFor(workerId: number): WorkerCourseView[] {
    this.closeOverdue(workerId);
    const inductionPassed = this.workforce.hasPassedInduction(workerId);
    const all = this.store.attemptsOfWorker(workerId);
    const views = this.store.activeCourses().map((c): WorkerCourseView => {
      const attempts = all.filter((a) => a.courseId === c.id);
      const scores = attempts.map((a) => a.score).filter((s): s is number => s !== null);
      return {
        id: c.id,
        kind: c.kind,
        level: c.level,
        title: c.title,
        description: c.description,
        hours: c.hours,
        questionCount: Math.min(c.questionCount, c.bankSize),
        passMark: c.passMark,
        timeLimitMinutes: c.timeLimitMinutes,
        attemptsAllowed: c.attemptsAllowed,
        attemptsUsed: attempts.length,
        passed: attempts.some((a) => a.passed === true),
        bestScore: scores.length ? Math.max(...scores) : null,
        openAttemptId: attempts.find((a) => a.submittedAt === null)?.id ?? null,
        required: c.kind === 'induction' && !inductionPassed,
      };
    });
    return views.sort((a, b) => Number(b.required) - Number(a.required));
  }

  courseFor(workerId: number, courseId: number): WorkerCourseView {
    const view = this.coursesFor(workerId).find((c) => c.id === courseId);
    if (!view) throw new ApiError('not-found', `no course ${courseId} open to workers`, 'courseId');
    return view;
  }

  /** Starts an attempt (questions drawn now and stored), or resumes the open one. */
  startExam(workerId: number, courseId: number): ExamAttemptView {
    return this.store.transaction(() => {
      const view = this.courseFor(workerId, courseId);
      const course = this.store.course(courseId)!;
      const open = view.openAttemptId !== null ? this.store.attempt(view.openAttemptId) : null;
      if (open) return this.attemptView(open, course.title);
      if (view.passed) throw new ApiError('conflict', 'you have already passed this course');
      if (course.attemptsAllowed > 0 && view.attemptsUsed >= course.attemptsAllowed) {
        throw new ApiError('conflict', `no attempts left (${course.attemptsAllowed} allowed); ask the labour office`);
      }
      const drawn = drawQuestions(this.store.activeQuestionIds(courseId), course.questionCount, this.pick);
      if (drawn.length === 0) throw new ApiError('conflict', 'this course has no questions yet; ask the labour office');
      const now = this.now();
      const id = this.store.createAttempt({ courseId, workerId, startedAt: now, deadlineAt: now + course.timeLimitMinutes * 60_000, questionIds: drawn });
      return this.attemptView(this.store.attempt(id)!, course.title);
    });
  }

  /** Saves one answer; refused past deadline + grace (the attempt is then graded as it stood). */
  answer(workerId: number, attemptId: number, questionId: number, choice: number[]): { saved: true; deadlineAt: number } {
    const current = this.ownAttempt(workerId, attemptId);
    if (current.submittedAt === null && this.overdue(current)) {
      // Graded before refusing, outside the transaction the refusal rolls back.
      this.grade(current, current.answers, true);
      throw new ApiError('conflict', 'time is up: the exam was graded as it stood at the deadline');
    }
    return this.store.transaction(() => {
      const attempt = this.ownAttempt(workerId, attemptId);
      if (attempt.submittedAt !== null) throw new ApiError('conflict', 'this exam is already handed in');
      if (!attempt.questionIds.includes(questionId)) throw new ApiError('bad-request', 'this question is not in your exam', 'questionId');
      const question = this.store.question(questionId)!;
      checkChoice(question, choice);
      this.store.saveAnswers(attempt.id, { ...attempt.answers, [String(questionId)]: choice });
      return { saved: true as const, deadlineAt: attempt.deadlineAt };
    });
  }

  /** Hands in: grades the stored set; past deadline + grace only what was saved in time counts. */
  submit(workerId: number, attemptId: number, answers: Record<string, number[]> | undefined): ExamResultDetail {
    return this.store.transaction(() => {
      const attempt = this.ownAttempt(workerId, attemptId);
      // A phone that hands in after the core closed the attempt at its deadline gets that result.
      if (attempt.submittedAt !== null && attempt.timedOut) return this.result(workerId, attemptId);
      if (attempt.submittedAt !== null) throw new ApiError('conflict', 'this exam is already handed in; see its result');
      if (this.overdue(attempt)) {
        this.grade(attempt, attempt.answers, true);
        return this.result(workerId, attemptId);
      }
      const merged = { ...attempt.answers };
      const drawn = new Map(this.store.questionsByIds(attempt.questionIds).map((q) => [q.id, q]));
      for (const [key, choice] of Object.entries(answers ?? {})) {
        const question = drawn.get(Number(key));
        if (!question || String(question.id) !== key) throw new ApiError('bad-request', `question ${key.slice(0, 20)} is not in your exam`, 'answers');
        checkChoice(question, choice);
        merged[key] = choice;
      }
      this.grade(attempt, merged, false);
      return this.result(workerId, attemptId);
    });
  }

  /** A graded attempt of this worker's (closing it first if its time ran out). */
  result(workerId: number, attemptId: number): ExamResultDetail {
    let attempt = this.ownAttempt(workerId, attemptId);
    if (attempt.submittedAt === null && this.overdue(attempt)) {
      this.grade(attempt, attempt.answers, true);
      attempt = this.store.attempt(attemptId)!;
    }
    if (attempt.submittedAt === null) throw new ApiError('conflict', 'this exam is still open; hand it in first');
    const course = this.store.course(attempt.courseId)!;
    const questions = this.store.questionsByIds(attempt.questionIds);
    return {
      attemptId: attempt.id,
      courseId: course.id,
      courseTitle: course.title,
      score: attempt.score ?? 0,
      passMark: course.passMark,
      passed: attempt.passed === true,
      submittedAt: attempt.submittedAt,
      timedOut: attempt.timedOut,
      hoursCredited: attempt.passed ? course.hours : 0,
      questions: questions.map((q) => {
        const chosen = attempt.answers[String(q.id)] ?? [];
        const graded = gradeAttempt([q], { [String(q.id)]: chosen }, 100);
        return { id: q.id, kind: q.kind, text: q.text, options: q.options, chosen, answer: q.answer, correct: graded.correct.get(q.id) === true, explanation: q.explanation };
      }),
    };
  }

  private attemptView(attempt: AttemptRow, title: string): ExamAttemptView {
    return {
      attemptId: attempt.id,
      courseId: attempt.courseId,
      courseTitle: title,
      startedAt: attempt.startedAt,
      deadlineAt: attempt.deadlineAt,
      serverNow: this.now(),
      questions: this.store.questionsByIds(attempt.questionIds).map((q) => ({ id: q.id, kind: q.kind, text: q.text, options: q.options })),
      answers: attempt.answers,
    };
  }

  /** The worker's own attempt; another worker's is "not found" (its existence is not told). */
  private ownAttempt(workerId: number, attemptId: number): AttemptRow {
    const attempt = this.store.attempt(attemptId);
    if (!attempt || attempt.workerId !== workerId) throw new ApiError('not-found', `no exam ${attemptId} of yours`, 'attemptId');
    return attempt;
  }

  private overdue(attempt: AttemptRow): boolean {
    return this.now() > attempt.deadlineAt + EXAM_GRACE_SECONDS * 1000;
  }

  /** Grades the worker's attempts whose time ran out while nobody handed them in. */
  private closeOverdue(workerId: number): void {
    for (const attempt of this.store.openAttempts(workerId)) if (this.overdue(attempt)) this.grade(attempt, attempt.answers, true);
  }

  /** Grades and closes; a pass writes the training record (kind, hours) the gates' induction check reads. */
  private grade(attempt: AttemptRow, answers: Record<string, number[]>, timedOut: boolean): void {
    const course = this.store.course(attempt.courseId)!;
    const graded = gradeAttempt(this.store.questionsByIds(attempt.questionIds), answers, course.passMark);
    const submittedAt = timedOut ? attempt.deadlineAt : this.now();
    this.store.transaction(() => {
      if (!this.store.closeAttempt(attempt.id, { answers, submittedAt, score: graded.score, passed: graded.passed, timedOut })) return;
      if (!graded.passed) return;
      this.workforce.addTrainingRecord({ workerId: attempt.workerId, courseId: course.id, kind: course.kind, title: course.title, hours: course.hours, passed: true, score: graded.score, at: submittedAt, source: 'exam' });
    });
  }
}

function normaliseSettings(s: CourseSettings): CourseSettings {
  return { ...s, level: s.kind === 'induction' ? (s.level ?? 'project') : null, title: s.title.trim(), description: s.description.trim() };
}

/** A question's options and answer must fit its kind. */
export function checkQuestion(q: QuestionInput): void {
  const n = q.options.length;
  if (q.kind === 'true-false' && n !== 2) throw new ApiError('bad-request', 'a true/false question has exactly two options (对 / 错)', 'options');
  if (q.kind !== 'true-false' && (n < 2 || n > 8)) throw new ApiError('bad-request', 'a choice question has 2 to 8 options', 'options');
  if (q.options.some((o) => o.trim() === '')) throw new ApiError('bad-request', 'an option is empty', 'options');
  if (new Set(q.answer).size !== q.answer.length || q.answer.some((i) => i < 0 || i >= n)) throw new ApiError('bad-request', 'the answer names an option that does not exist or names one twice', 'answer');
  if (q.kind !== 'multiple' && q.answer.length !== 1) throw new ApiError('bad-request', `a ${q.kind} question has exactly one right option`, 'answer');
  if (q.kind === 'multiple' && q.answer.length < 1) throw new ApiError('bad-request', 'a multiple-choice question has at least one right option', 'answer');
}

function checkChoice(q: QuestionView, choice: number[]): void {
  if (choice.some((i) => i < 0 || i >= q.options.length) || new Set(choice).size !== choice.length) throw new ApiError('bad-request', 'that choice is not one of the options', 'choice');
  if (q.kind !== 'multiple' && choice.length > 1) throw new ApiError('bad-request', 'choose one option for this question', 'choice');
}
