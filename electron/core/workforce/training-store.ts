import type { CourseDetail, CourseSettings, CourseSummary, ExamResultView, InductionLevel, MaterialKind, MaterialView, QuestionInput, QuestionView } from '../../common/api/training.js';
import type { CourseKind } from '../../common/workforce.js';
import type { Database } from '../store/database.js';

type Raw = Record<string, unknown>;

/** An attempt as stored. */
export interface AttemptRow {
  id: number;
  courseId: number;
  workerId: number;
  startedAt: number;
  deadlineAt: number;
  questionIds: number[];
  answers: Record<string, number[]>;
  submittedAt: number | null;
  score: number | null;
  passed: boolean | null;
  timedOut: boolean;
}

/** A material file as stored (name under DATA/workforce/courses). */
export interface MaterialFileRow {
  id: number;
  courseId: number;
  file: string;
  mime: string;
  bytes: number;
}

function settingsOf(r: Raw): CourseSettings {
  return {
    kind: r.kind as CourseKind,
    level: (r.level as InductionLevel | null) ?? null,
    title: r.title as string,
    description: r.description as string,
    hours: r.hours as number,
    questionCount: r.question_count as number,
    passMark: r.pass_mark as number,
    timeLimitMinutes: r.time_limit_min as number,
    attemptsAllowed: r.attempts_allowed as number,
    active: r.active === 1,
  };
}

function questionOf(r: Raw): QuestionView {
  return {
    id: r.id as number,
    courseId: r.course_id as number,
    kind: r.kind as QuestionView['kind'],
    text: r.text as string,
    options: JSON.parse(r.options as string) as string[],
    answer: JSON.parse(r.answer as string) as number[],
    explanation: r.explanation as string,
  };
}

function materialOf(r: Raw): MaterialView {
  return {
    id: r.id as number,
    courseId: r.course_id as number,
    kind: r.kind as MaterialKind,
    title: r.title as string,
    body: (r.body as string | null) ?? null,
    mime: (r.mime as string | null) ?? null,
    bytes: (r.bytes as number | null) ?? null,
    position: r.position as number,
  };
}

function attemptOf(r: Raw): AttemptRow {
  return {
    id: r.id as number,
    courseId: r.course_id as number,
    workerId: r.worker_id as number,
    startedAt: r.started_at as number,
    deadlineAt: r.deadline_at as number,
    questionIds: JSON.parse(r.question_ids as string) as number[],
    answers: JSON.parse(r.answers as string) as Record<string, number[]>,
    submittedAt: (r.submitted_at as number | null) ?? null,
    score: (r.score as number | null) ?? null,
    passed: r.passed === null || r.passed === undefined ? null : r.passed === 1,
    timedOut: r.timed_out === 1,
  };
}

/**
 * The training tables (core/workforce/training-schema.ts): plain reads and writes. The rules
 * (draws, deadlines, attempts, grading, codes) are TrainingService's.
 */
export class TrainingStore {
  constructor(readonly db: Database) {}

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  createCourse(s: CourseSettings, at: number): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO wf_courses (kind, level, title, description, hours, question_count, pass_mark, time_limit_min, attempts_allowed, active, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(s.kind, s.level, s.title, s.description, s.hours, s.questionCount, s.passMark, s.timeLimitMinutes, s.attemptsAllowed, s.active ? 1 : 0, at, at).lastInsertRowid,
    );
  }

  updateCourse(id: number, s: CourseSettings, at: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE wf_courses SET kind = ?, level = ?, title = ?, description = ?, hours = ?, question_count = ?, pass_mark = ?, time_limit_min = ?,
             attempts_allowed = ?, active = ?, updated_at = ? WHERE id = ?`,
        )
        .run(s.kind, s.level, s.title, s.description, s.hours, s.questionCount, s.passMark, s.timeLimitMinutes, s.attemptsAllowed, s.active ? 1 : 0, at, id).changes > 0
    );
  }

  courseCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM wf_courses').get() as { n: number }).n;
  }

  course(id: number): (CourseSettings & { id: number; updatedAt: number }) | null {
    const r = this.db.prepare('SELECT * FROM wf_courses WHERE id = ?').get(id) as Raw | undefined;
    return r ? { id: r.id as number, updatedAt: r.updated_at as number, ...settingsOf(r) } : null;
  }

  courses(): CourseSummary[] {
    const rows = this.db
      .prepare(
        `SELECT c.*,
           (SELECT COUNT(*) FROM wf_questions q WHERE q.course_id = c.id AND q.removed_at IS NULL) AS n_questions,
           (SELECT COUNT(*) FROM wf_course_materials m WHERE m.course_id = c.id AND m.removed_at IS NULL) AS n_materials,
           (SELECT COUNT(DISTINCT a.worker_id) FROM wf_exam_attempts a WHERE a.course_id = c.id AND a.passed = 1) AS n_passed,
           (SELECT COUNT(*) FROM wf_exam_attempts a WHERE a.course_id = c.id) AS n_attempts
         FROM wf_courses c ORDER BY CASE c.kind WHEN 'induction' THEN 0 WHEN 'pre-shift' THEN 1 ELSE 2 END, c.id`,
      )
      .all() as Raw[];
    return rows.map((r) => ({
      id: r.id as number,
      ...settingsOf(r),
      bankSize: r.n_questions as number,
      materialCount: r.n_materials as number,
      passedWorkers: r.n_passed as number,
      attempts: r.n_attempts as number,
      updatedAt: r.updated_at as number,
    }));
  }

  /** Active courses with their bank sizes only: what a phone's course list needs, without the office's counts. */
  activeCourses(): (CourseSettings & { id: number; bankSize: number })[] {
    const rows = this.db
      .prepare(
        `SELECT c.*, (SELECT COUNT(*) FROM wf_questions q WHERE q.course_id = c.id AND q.removed_at IS NULL) AS n_questions
         FROM wf_courses c WHERE c.active = 1 ORDER BY CASE c.kind WHEN 'induction' THEN 0 WHEN 'pre-shift' THEN 1 ELSE 2 END, c.id`,
      )
      .all() as Raw[];
    return rows.map((r) => ({ id: r.id as number, ...settingsOf(r), bankSize: r.n_questions as number }));
  }

  /** A worker's attempts in every course (one query for the course list). */
  attemptsOfWorker(workerId: number): AttemptRow[] {
    return (this.db.prepare('SELECT * FROM wf_exam_attempts WHERE worker_id = ? ORDER BY id').all(workerId) as Raw[]).map(attemptOf);
  }

  courseDetail(id: number): CourseDetail | null {
    const summary = this.courses().find((c) => c.id === id);
    if (!summary) return null;
    return { ...summary, materials: this.materials(id), questions: this.questions(id) };
  }

  addQuestion(courseId: number, q: QuestionInput, at: number): number {
    return Number(
      this.db
        .prepare('INSERT INTO wf_questions (course_id, kind, text, options, answer, explanation, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(courseId, q.kind, q.text, JSON.stringify(q.options), JSON.stringify(q.answer), q.explanation, at, at).lastInsertRowid,
    );
  }

  /**
   * A question edited after attempts drew it would change their grades, so an edit retires the
   * old row and adds a new one; returns the new id.
   */
  replaceQuestion(id: number, q: QuestionInput, at: number): number | null {
    const old = this.question(id);
    if (!old || this.isRemoved(id)) return null;
    this.removeQuestion(id, at);
    return this.addQuestion(old.courseId, q, at);
  }

  removeQuestion(id: number, at: number): boolean {
    return this.db.prepare('UPDATE wf_questions SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at, id).changes > 0;
  }

  private isRemoved(id: number): boolean {
    return (this.db.prepare('SELECT removed_at FROM wf_questions WHERE id = ?').get(id) as { removed_at: number | null } | undefined)?.removed_at != null;
  }

  /** A question whether removed or not (grading needs removed ones). */
  question(id: number): QuestionView | null {
    const r = this.db.prepare('SELECT * FROM wf_questions WHERE id = ?').get(id) as Raw | undefined;
    return r ? questionOf(r) : null;
  }

  questionsByIds(ids: readonly number[]): QuestionView[] {
    if (ids.length === 0) return [];
    const rows = this.db.prepare(`SELECT * FROM wf_questions WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as Raw[];
    const byId = new Map(rows.map((r) => [r.id as number, questionOf(r)]));
    return ids.map((id) => byId.get(id)).filter((q): q is QuestionView => q !== undefined);
  }

  /** The bank's active questions. */
  questions(courseId: number): QuestionView[] {
    return (this.db.prepare('SELECT * FROM wf_questions WHERE course_id = ? AND removed_at IS NULL ORDER BY id').all(courseId) as Raw[]).map(questionOf);
  }

  activeQuestionIds(courseId: number): number[] {
    return (this.db.prepare('SELECT id FROM wf_questions WHERE course_id = ? AND removed_at IS NULL ORDER BY id').all(courseId) as { id: number }[]).map((r) => r.id);
  }

  addMaterial(m: { courseId: number; kind: MaterialKind; title: string; body?: string | null; file?: string | null; mime?: string | null; bytes?: number | null }, at: number): number {
    const position = (this.db.prepare('SELECT COALESCE(MAX(position), 0) + 1 AS p FROM wf_course_materials WHERE course_id = ?').get(m.courseId) as { p: number }).p;
    return Number(
      this.db
        .prepare('INSERT INTO wf_course_materials (course_id, position, kind, title, body, file, mime, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(m.courseId, position, m.kind, m.title, m.body ?? null, m.file ?? null, m.mime ?? null, m.bytes ?? null, at).lastInsertRowid,
    );
  }

  removeMaterial(id: number, at: number): boolean {
    return this.db.prepare('UPDATE wf_course_materials SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at, id).changes > 0;
  }

  material(id: number): MaterialView | null {
    const r = this.db.prepare('SELECT * FROM wf_course_materials WHERE id = ? AND removed_at IS NULL').get(id) as Raw | undefined;
    return r ? materialOf(r) : null;
  }

  materialFile(id: number): MaterialFileRow | null {
    const r = this.db.prepare('SELECT id, course_id, file, mime, bytes FROM wf_course_materials WHERE id = ? AND removed_at IS NULL AND file IS NOT NULL').get(id) as Raw | undefined;
    return r ? { id: r.id as number, courseId: r.course_id as number, file: r.file as string, mime: r.mime as string, bytes: r.bytes as number } : null;
  }

  materials(courseId: number): MaterialView[] {
    return (this.db.prepare('SELECT * FROM wf_course_materials WHERE course_id = ? AND removed_at IS NULL ORDER BY position').all(courseId) as Raw[]).map(materialOf);
  }

  createAttempt(a: { courseId: number; workerId: number; startedAt: number; deadlineAt: number; questionIds: number[] }): number {
    return Number(
      this.db
        .prepare('INSERT INTO wf_exam_attempts (course_id, worker_id, started_at, deadline_at, question_ids) VALUES (?, ?, ?, ?, ?)')
        .run(a.courseId, a.workerId, a.startedAt, a.deadlineAt, JSON.stringify(a.questionIds)).lastInsertRowid,
    );
  }

  attempt(id: number): AttemptRow | null {
    const r = this.db.prepare('SELECT * FROM wf_exam_attempts WHERE id = ?').get(id) as Raw | undefined;
    return r ? attemptOf(r) : null;
  }

  openAttempts(workerId: number): AttemptRow[] {
    return (this.db.prepare('SELECT * FROM wf_exam_attempts WHERE worker_id = ? AND submitted_at IS NULL').all(workerId) as Raw[]).map(attemptOf);
  }

  attemptsOf(workerId: number, courseId: number): AttemptRow[] {
    return (this.db.prepare('SELECT * FROM wf_exam_attempts WHERE worker_id = ? AND course_id = ? ORDER BY id').all(workerId, courseId) as Raw[]).map(attemptOf);
  }

  saveAnswers(id: number, answers: Record<string, number[]>): void {
    this.db.prepare('UPDATE wf_exam_attempts SET answers = ? WHERE id = ? AND submitted_at IS NULL').run(JSON.stringify(answers), id);
  }

  /** Closes an open attempt with its grade; false if it was already closed (a second submit). */
  closeAttempt(id: number, c: { answers: Record<string, number[]>; submittedAt: number; score: number; passed: boolean; timedOut: boolean }): boolean {
    return (
      this.db
        .prepare('UPDATE wf_exam_attempts SET answers = ?, submitted_at = ?, score = ?, passed = ?, timed_out = ? WHERE id = ? AND submitted_at IS NULL')
        .run(JSON.stringify(c.answers), c.submittedAt, c.score, c.passed ? 1 : 0, c.timedOut ? 1 : 0, id).changes > 0
    );
  }

  results(filter: { courseId?: number; workerId?: number; limit: number }): ExamResultView[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.courseId !== undefined) {
      where.push('a.course_id = ?');
      args.push(filter.courseId);
    }
    if (filter.workerId !== undefined) {
      where.push('a.worker_id = ?');
      args.push(filter.workerId);
    }
    const rows = this.db
      .prepare(
        `SELECT a.*, c.title AS course_title, w.name AS worker_name, w.id_masked FROM wf_exam_attempts a
         JOIN wf_courses c ON c.id = a.course_id JOIN wf_workers w ON w.id = a.worker_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.started_at DESC, a.id DESC LIMIT ?`,
      )
      .all(...args, filter.limit) as Raw[];
    return rows.map((r) => {
      const a = attemptOf(r);
      return {
        attemptId: a.id,
        courseId: a.courseId,
        courseTitle: r.course_title as string,
        workerId: a.workerId,
        workerName: r.worker_name as string,
        idMasked: r.id_masked as string,
        startedAt: a.startedAt,
        submittedAt: a.submittedAt,
        durationSeconds: a.submittedAt === null ? null : Math.round((a.submittedAt - a.startedAt) / 1000),
        score: a.score,
        passed: a.passed,
        status: a.submittedAt === null ? 'open' : a.timedOut ? 'timed-out' : 'submitted',
      };
    });
  }

  addCode(c: { codeHash: string; workerId: number; createdAt: number; expiresAt: number; createdBy: string }): void {
    this.db.prepare('INSERT INTO wf_worker_codes (code_hash, worker_id, created_at, expires_at, created_by) VALUES (?, ?, ?, ?, ?)').run(c.codeHash, c.workerId, c.createdAt, c.expiresAt, c.createdBy);
  }

  /** Whether an unused, unexpired code with this hash exists (a new code must not collide with one). */
  codeLive(codeHash: string, now: number): boolean {
    return this.db.prepare('SELECT 1 FROM wf_worker_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?').get(codeHash, now) !== undefined;
  }

  /**
   * Uses a code once: the UPDATE is the check, so two phones racing with the same code cannot
   * both win. Returns the worker, or why not.
   */
  useCode(codeHash: string, now: number): { workerId: number } | { refused: 'unknown' | 'used' | 'expired' } {
    const rows = this.db.prepare('SELECT id, worker_id, expires_at, used_at FROM wf_worker_codes WHERE code_hash = ? ORDER BY id DESC').all(codeHash) as Raw[];
    const live = rows.find((r) => r.used_at === null && (r.expires_at as number) > now);
    if (live && this.db.prepare('UPDATE wf_worker_codes SET used_at = ? WHERE id = ? AND used_at IS NULL').run(now, live.id).changes === 1) {
      return { workerId: live.worker_id as number };
    }
    if (rows.length === 0) return { refused: 'unknown' };
    return { refused: rows.some((r) => r.used_at !== null) ? 'used' : 'expired' };
  }

  addSession(s: { tokenHash: string; workerId: number; createdAt: number; expiresAt: number }): void {
    this.db.prepare('INSERT INTO wf_worker_sessions (token_hash, worker_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(s.tokenHash, s.workerId, s.createdAt, s.expiresAt);
  }

  sessionWorker(tokenHash: string, now: number): number | null {
    const r = this.db.prepare('SELECT worker_id FROM wf_worker_sessions WHERE token_hash = ? AND expires_at > ?').get(tokenHash, now) as { worker_id: number } | undefined;
    return r?.worker_id ?? null;
  }

  endSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM wf_worker_sessions WHERE token_hash = ?').run(tokenHash);
  }

  sweepSessions(now: number): number {
    return this.db.prepare('DELETE FROM wf_worker_sessions WHERE expires_at <= ?').run(now).changes;
  }

  /** Admitted entries of a worker from `from` (inclusive), for counting attendance days. */
  admittedEntries(workerId: number, from: number, to: number): number[] {
    return (this.db.prepare("SELECT at FROM wf_passages WHERE worker_id = ? AND direction = 'in' AND outcome = 'admitted' AND at >= ? AND at < ?").all(workerId, from, to) as { at: number }[]).map((r) => r.at);
  }
}
