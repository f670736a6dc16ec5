import { describe, expect, it } from 'vitest';
import { isOverdue, nextNoticeState, NOTICE_STATES, transitionProblem, type NoticeAction } from '../../../electron/common/quality.js';

const ACTIONS: Exclude<NoticeAction, 'raise'>[] = ['acknowledge', 'answer', 'verify-pass', 'verify-fail'];

describe('rectification notice state machine', () => {
  it('allows exactly the closed loop raised → rectifying → answered → closed, and a failed verification back to rectifying', () => {
    const allowed = NOTICE_STATES.flatMap((s) => ACTIONS.map((a) => [s, a, nextNoticeState(s, a)] as const)).filter(([, , n]) => n !== null);
    expect(allowed).toEqual([
      ['raised', 'acknowledge', 'rectifying'],
      ['rectifying', 'answer', 'answered'],
      ['answered', 'verify-pass', 'closed'],
      ['answered', 'verify-fail', 'rectifying'],
    ]);
  });

  it('says why a step is refused, and that a closed notice stays closed', () => {
    expect(transitionProblem('raised', 'answer')).toMatch(/acknowledge the notice first/);
    expect(transitionProblem('closed', 'acknowledge')).toMatch(/closed; raise a new one/);
    expect(transitionProblem('rectifying', 'verify-pass')).toMatch(/only an answered notice/);
  });

  it('is overdue from the day after its due date until closed', () => {
    expect(isOverdue({ state: 'raised', dueDate: '2026-12-07' }, '2026-12-07')).toBe(false);
    expect(isOverdue({ state: 'answered', dueDate: '2026-12-07' }, '2026-12-08')).toBe(true);
    expect(isOverdue({ state: 'closed', dueDate: '2026-12-07' }, '2026-12-20')).toBe(false);
  });
});
