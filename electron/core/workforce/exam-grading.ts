import type { QuestionKind } from '../../common/api/training.js';

/**
 * Grading of an exam attempt. The rule, as Chinese site safety exams usually state it: a single
 * choice or true/false question scores when the one right option is chosen; a multiple-choice
 * question scores only when exactly the right options are chosen (多选题少选、错选均不得分) —
 * no partial credit. Every question weighs the same; the score is the percentage of questions
 * right, rounded to one decimal. Pure: no clock, no store.
 */

export interface GradableQuestion {
  id: number;
  kind: QuestionKind;
  answer: readonly number[];
}

export interface GradedAttempt {
  /** 0–100, one decimal. */
  score: number;
  passed: boolean;
  correct: Map<number, boolean>;
}

/** Whether `chosen` is exactly the right answer (order and repeats do not matter). */
export function isCorrect(question: GradableQuestion, chosen: readonly number[] | undefined): boolean {
  if (!chosen || chosen.length === 0) return false;
  const picked = [...new Set(chosen)].sort((a, b) => a - b);
  const right = [...new Set(question.answer)].sort((a, b) => a - b);
  if (question.kind !== 'multiple' && picked.length !== 1) return false;
  return picked.length === right.length && picked.every((v, i) => v === right[i]);
}

/** Grades the drawn set (in order) against the saved answers; a question left out counts wrong. */
export function gradeAttempt(questions: readonly GradableQuestion[], answers: Readonly<Record<string, readonly number[]>>, passMark: number): GradedAttempt {
  const correct = new Map<number, boolean>();
  for (const q of questions) correct.set(q.id, isCorrect(q, answers[String(q.id)]));
  const right = [...correct.values()].filter(Boolean).length;
  const score = questions.length === 0 ? 0 : Math.round((right / questions.length) * 1000) / 10;
  return { score, passed: score >= passMark, correct };
}
