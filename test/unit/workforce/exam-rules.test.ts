import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawQuestions } from '../../../electron/core/workforce/exam-draw.js';
import { gradeAttempt, isCorrect } from '../../../electron/core/workforce/exam-grading.js';
import { sniffMaterial } from '../../../electron/core/workforce/training-material-sniff.js';

describe('random draws', () => {
  it('draws the asked number of distinct ids from the bank, never more than it holds', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 60 }), fc.integer({ min: 0, max: 80 }), (bank, count) => {
        const drawn = drawQuestions(bank, count);
        expect(drawn.length).toBe(Math.min(count, bank.length));
        expect(new Set(drawn).size).toBe(drawn.length);
        for (const id of drawn) expect(bank).toContain(id);
      }),
    );
  });

  it('a repeated id in the bank cannot be drawn twice', () => {
    expect(drawQuestions([1, 1, 1, 2], 4).sort()).toEqual([1, 2]);
  });

  it('every question can be drawn (the shuffle reaches every position)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 400; i++) for (const id of drawQuestions([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], 1)) seen.add(id);
    expect(seen.size).toBe(15);
  });

  it('follows the given picker (so a stored draw is reproducible in tests)', () => {
    expect(drawQuestions([10, 20, 30, 40], 2, () => 0)).toEqual([10, 20]);
    expect(drawQuestions([10, 20, 30, 40], 2, (n) => n - 1)).toEqual([40, 10]);
  });
});

describe('grading', () => {
  const single = { id: 1, kind: 'single' as const, answer: [2] };
  const multiple = { id: 2, kind: 'multiple' as const, answer: [0, 1, 2] };
  const trueFalse = { id: 3, kind: 'true-false' as const, answer: [1] };

  it('single choice and true/false: the one right option scores; two options chosen do not', () => {
    expect(isCorrect(single, [2])).toBe(true);
    expect(isCorrect(single, [1])).toBe(false);
    expect(isCorrect(single, [2, 1])).toBe(false);
    expect(isCorrect(trueFalse, [1])).toBe(true);
    expect(isCorrect(trueFalse, [0])).toBe(false);
    expect(isCorrect(trueFalse, [])).toBe(false);
  });

  it('multiple choice: exactly the right set scores; fewer or an extra one do not (no partial credit)', () => {
    expect(isCorrect(multiple, [2, 0, 1])).toBe(true);
    expect(isCorrect(multiple, [0, 1])).toBe(false);
    expect(isCorrect(multiple, [0, 1, 2, 3])).toBe(false);
    expect(isCorrect(multiple, [0, 0, 1, 2])).toBe(true);
    expect(isCorrect(multiple, undefined)).toBe(false);
  });

  it('scores the percentage right over the drawn set; unanswered counts wrong; pass at the mark', () => {
    const questions = [single, multiple, trueFalse];
    const all = gradeAttempt(questions, { '1': [2], '2': [0, 1, 2], '3': [1] }, 80);
    expect(all).toMatchObject({ score: 100, passed: true });
    const two = gradeAttempt(questions, { '1': [2], '3': [1] }, 66);
    expect(two.score).toBe(66.7);
    expect(two.passed).toBe(true);
    expect(two.correct.get(2)).toBe(false);
    expect(gradeAttempt(questions, { '1': [2], '3': [1] }, 67).passed).toBe(false);
    // Answers to questions outside the drawn set are ignored.
    expect(gradeAttempt([single], { '1': [2], '99': [0] }, 80).score).toBe(100);
    expect(gradeAttempt([], {}, 0).score).toBe(0);
  });

  it('the score is always within 0–100', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 8 }), { maxLength: 30 }), (choices) => {
        const questions = choices.map((_, i) => ({ id: i + 1, kind: 'multiple' as const, answer: [0, 1] }));
        const answers = Object.fromEntries(choices.map((c, i) => [String(i + 1), c]));
        const { score } = gradeAttempt(questions, answers, 80);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe('material sniffing (by bytes, not by name)', () => {
  it('tells images, PDFs and videos by their signatures', () => {
    expect(sniffMaterial(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))?.mime).toBe('image/jpeg');
    expect(sniffMaterial(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))?.mime).toBe('image/png');
    expect(sniffMaterial(Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n', 'latin1'))?.kind).toBe('pdf');
    expect(sniffMaterial(Buffer.from('00000018667479706d703432000000006d703432', 'hex'))?.kind).toBe('video');
    expect(sniffMaterial(Buffer.from('1a45dfa3a34286810142f7810142f2', 'hex'))?.mime).toBe('video/webm');
  });

  it('refuses HTML, scripts, executables and text whatever they are called', () => {
    expect(sniffMaterial(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(sniffMaterial(Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'))).toBeNull();
    expect(sniffMaterial(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBeNull();
    expect(sniffMaterial(Buffer.alloc(0))).toBeNull();
  });
});


describe('question and phone checks', () => {
  it('refuses questions whose answer does not fit their kind', async () => {
    const { checkQuestion } = await import('../../../electron/core/workforce/training-service.js');
    const base = { text: 'q', explanation: '' };
    expect(() => checkQuestion({ ...base, kind: 'single', options: ['a', 'b'], answer: [0] })).not.toThrow();
    expect(() => checkQuestion({ ...base, kind: 'single', options: ['a', 'b'], answer: [0, 1] })).toThrow(/exactly one right option/);
    expect(() => checkQuestion({ ...base, kind: 'true-false', options: ['对', '错', '不知道'], answer: [0] })).toThrow(/exactly two options/);
    expect(() => checkQuestion({ ...base, kind: 'multiple', options: ['a', 'b', 'c'], answer: [0, 3] })).toThrow(/does not exist/);
    expect(() => checkQuestion({ ...base, kind: 'multiple', options: ['a', 'b', 'c'], answer: [1, 1] })).toThrow(/names one twice/);
    expect(() => checkQuestion({ ...base, kind: 'single', options: ['a', ' '], answer: [0] })).toThrow(/empty/);
  });

  it('compares phone numbers by their digits, with or without +86', async () => {
    const { normalisePhone } = await import('../../../electron/core/workforce/worker-portal-identity.js');
    expect(normalisePhone('+86 138-0000-0001')).toBe('13800000001');
    expect(normalisePhone('8613800000001')).toBe('13800000001');
    expect(normalisePhone('138 0000 0001')).toBe('13800000001');
    expect(normalisePhone('abc')).toBe('');
  });
});
