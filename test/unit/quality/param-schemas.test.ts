import { describe, expect, it } from 'vitest';
import { QUALITY_PARAM_SCHEMAS } from '../../../electron/core/quality/quality-param-schemas.js';

describe('quality parameter schemas', () => {
  it('takes calendar days only, photo names from the upload route only, and no unknown fields', () => {
    const notice = (over: Record<string, unknown>) => QUALITY_PARAM_SCHEMAS.raiseNotice.safeParse({ source: { kind: 'direct' }, companyId: 1, dueDate: '2026-12-08', description: 'x', ...over }).success;
    expect(notice({})).toBe(true);
    expect(notice({ dueDate: '2026-02-30' })).toBe(false);
    expect(notice({ dueDate: '8/12/2026' })).toBe(false);
    expect(QUALITY_PARAM_SCHEMAS.listInspections.safeParse({ from: '0000-20-00' }).success).toBe(false);
    expect(QUALITY_PARAM_SCHEMAS.listInspections.safeParse({ from: '0000-01-01' }).success).toBe(false);
    expect(notice({ photos: ['../../etc/passwd'] })).toBe(false);
    expect(notice({ origin: 'authority' })).toBe(false);
    expect(QUALITY_PARAM_SCHEMAS.listNotices.safeParse({ overdue: 'true', state: 'open' }).data).toEqual({ overdue: true, state: 'open' });
  });
});
