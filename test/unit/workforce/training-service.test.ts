import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { EXAM_GRACE_SECONDS, type CourseSettings } from '../../../electron/common/api/training.js';
import type { ApiError } from '../../../electron/common/api/errors.js';
import { TrainingService } from '../../../electron/core/workforce/training-service.js';
import { TrainingStore } from '../../../electron/core/workforce/training-store.js';
import { openTestWorkforce, seedWorkforce } from '../../helpers/workforce-fixtures.js';
import { removeTempDirs } from '../../helpers/temp-dir.js';
import { DEMO_INDUCTION_QUESTIONS } from '../../../electron/core/sim/demo-courses.js';

const INDUCTION: CourseSettings = { kind: 'induction', level: 'project', title: '三级安全教育', description: '', hours: 24, questionCount: 10, passMark: 80, timeLimitMinutes: 20, attemptsAllowed: 2, active: true };

let clock = Date.parse('2026-03-02T08:00:00+08:00');
let training: TrainingService;
let workers: number[];
let courseId: number;

function rightAnswers(attemptQuestions: { id: number }[]): Record<string, number[]> {
  return Object.fromEntries(attemptQuestions.map((q) => [String(q.id), training.store.question(q.id)!.answer]));
}

beforeEach(() => {
  const { store } = openTestWorkforce();
  clock = Date.parse('2026-03-02T08:00:00+08:00');
  ({ workers } = seedWorkforce(store, { count: 3, induction: false }));
  training = new TrainingService(new TrainingStore(store.db), store, { now: () => clock });
  courseId = training.createCourse(INDUCTION).id;
  for (const q of DEMO_INDUCTION_QUESTIONS) training.addQuestion(courseId, q);
});
afterAll(() => removeTempDirs());

describe('exam attempts', () => {
  it('draws the course’s number of distinct questions, stores the set, and a reload resumes the same set', () => {
    const first = training.startExam(workers[0]!, courseId);
    expect(first.questions).toHaveLength(10);
    expect(new Set(first.questions.map((q) => q.id)).size).toBe(10);
    expect(first.questions[0]).not.toHaveProperty('answer');
    expect(training.store.attempt(first.attemptId)!.questionIds).toEqual(first.questions.map((q) => q.id));
    const again = training.startExam(workers[0]!, courseId);
    expect(again.attemptId).toBe(first.attemptId);
    expect(again.questions.map((q) => q.id)).toEqual(first.questions.map((q) => q.id));
  });

  it('grades the stored set: a pass writes the training record with the course’s kind and hours, and induction counts', () => {
    const attempt = training.startExam(workers[0]!, courseId);
    expect(training.workforce.hasPassedInduction(workers[0]!)).toBe(false);
    const result = training.submit(workers[0]!, attempt.attemptId, rightAnswers(attempt.questions));
    expect(result).toMatchObject({ score: 100, passed: true, timedOut: false, hoursCredited: 24 });
    expect(result.questions.every((q) => q.correct && q.explanation.length > 0)).toBe(true);
    expect(training.workforce.hasPassedInduction(workers[0]!)).toBe(true);
    expect(training.workforce.trainingOf(workers[0]!)).toEqual([expect.objectContaining({ kind: 'induction', hours: 24, source: 'exam', courseId, score: 100, passed: true })]);
    expect((await_(() => training.startExam(workers[0]!, courseId)) as ApiError).message).toMatch(/already passed/);
  });

  it('a fail writes no training record; attempts run out at the limit', () => {
    const a = training.startExam(workers[1]!, courseId);
    expect(training.submit(workers[1]!, a.attemptId, {}).passed).toBe(false);
    const b = training.startExam(workers[1]!, courseId);
    expect(b.attemptId).not.toBe(a.attemptId);
    training.submit(workers[1]!, b.attemptId, {});
    expect((await_(() => training.startExam(workers[1]!, courseId)) as ApiError).message).toMatch(/no attempts left \(2 allowed\)/);
    expect(training.workforce.trainingOf(workers[1]!)).toEqual([]);
  });

  it('takes answers until the deadline plus the grace, then refuses them and grades as at the deadline', () => {
    const attempt = training.startExam(workers[0]!, courseId);
    const answers = rightAnswers(attempt.questions);
    const ids = attempt.questions.map((q) => q.id);
    // Seven right answers saved in time.
    for (const id of ids.slice(0, 7)) training.answer(workers[0]!, attempt.attemptId, id, answers[String(id)]!);
    clock = attempt.deadlineAt + EXAM_GRACE_SECONDS * 1000; // the last moment still taken
    training.answer(workers[0]!, attempt.attemptId, ids[7]!, answers[String(ids[7])]!);
    clock += 1;
    const late = await_(() => training.answer(workers[0]!, attempt.attemptId, ids[8]!, answers[String(ids[8])]!)) as ApiError;
    expect(late.code).toBe('conflict');
    expect(late.message).toMatch(/time is up/);
    // A late submit with every answer right still counts only the eight saved in time.
    const result = training.submit(workers[0]!, attempt.attemptId, answers);
    expect(result).toMatchObject({ score: 80, passed: true, timedOut: true, submittedAt: attempt.deadlineAt });
  });

  it('an overdue open attempt is closed when the worker next looks at the courses', () => {
    const attempt = training.startExam(workers[2]!, courseId);
    clock = attempt.deadlineAt + EXAM_GRACE_SECONDS * 1000 + 5000;
    const view = training.coursesFor(workers[2]!).find((c) => c.id === courseId)!;
    expect(view.openAttemptId).toBeNull();
    expect(view.attemptsUsed).toBe(1);
    expect(training.result(workers[2]!, attempt.attemptId)).toMatchObject({ score: 0, timedOut: true });
  });

  it('refuses another worker’s attempt as not found, answers outside the drawn set, and a second submit', () => {
    const attempt = training.startExam(workers[0]!, courseId);
    expect((await_(() => training.submit(workers[1]!, attempt.attemptId, {})) as ApiError).code).toBe('not-found');
    const outside = training.store.activeQuestionIds(courseId).find((id) => !attempt.questions.some((q) => q.id === id))!;
    expect((await_(() => training.answer(workers[0]!, attempt.attemptId, outside, [0])) as ApiError).code).toBe('bad-request');
    expect((await_(() => training.submit(workers[0]!, attempt.attemptId, { [String(outside)]: [0] })) as ApiError).code).toBe('bad-request');
    expect((await_(() => training.answer(workers[0]!, attempt.attemptId, attempt.questions[0]!.id, [9])) as ApiError).code).toBe('bad-request');
    training.submit(workers[0]!, attempt.attemptId, {});
    expect((await_(() => training.submit(workers[0]!, attempt.attemptId, {})) as ApiError).code).toBe('conflict');
  });

  it('an edited question keeps grading old attempts with the old answer', () => {
    const attempt = training.startExam(workers[0]!, courseId);
    const q = attempt.questions[0]!;
    const old = training.store.question(q.id)!;
    const wrongNow = (old.answer[0]! + 1) % old.options.length;
    const edited = training.updateQuestion(q.id, { ...old, answer: old.kind === 'multiple' ? [wrongNow] : [wrongNow] });
    expect(edited.id).not.toBe(q.id);
    const result = training.submit(workers[0]!, attempt.attemptId, { [String(q.id)]: old.answer });
    expect(result.questions.find((x) => x.id === q.id)!.correct).toBe(true);
  });

  it('puts induction first while it is not passed', () => {
    training.createCourse({ ...INDUCTION, kind: 'topic', level: null, title: '专题' });
    expect(training.coursesFor(workers[0]!)[0]).toMatchObject({ kind: 'induction', required: true });
  });
});

describe('one-time codes', () => {
  it('a code opens one session once; a replay, an expired code and a wrong one are refused with the reason', () => {
    const code = training.createCode(workers[0]!, 'labour1');
    expect(code.code).toMatch(/^\d{6}$/);
    const hash = training.codeHash(code.code);
    expect(training.store.useCode(hash, clock)).toEqual({ workerId: workers[0]! });
    expect(training.store.useCode(hash, clock)).toEqual({ refused: 'used' });
    const old = training.createCode(workers[1]!, 'labour1');
    expect(training.store.useCode(training.codeHash(old.code), old.expiresAt)).toEqual({ refused: 'expired' });
    expect(training.store.useCode(training.codeHash('000000') === hash ? 'x' : training.codeHash('999999x'), clock)).toEqual({ refused: 'unknown' });
    // The database keeps only a keyed hash of each code.
    const stored = training.store.db.prepare('SELECT code_hash FROM wf_worker_codes').all() as { code_hash: string }[];
    expect(stored.some((r) => r.code_hash.includes(code.code))).toBe(false);
  });
});

/** Runs `work` and returns what it threw (synchronously). */
function await_(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}
