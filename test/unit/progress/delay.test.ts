import { describe, expect, it } from 'vitest';
import { actualCurve, delayBandOf, delayOf, firstOutOfOrder, floorDelayOf, plannedCurve, siteDayOf } from '../../../electron/common/progress.js';

// Floors 1–5 due 03-01, 03-08, 03-15, 03-22, 03-29 (a 7-day floor cycle).
const plan = ['2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22', '2027-03-29'];
const floors = (done: (string | null)[]) => plan.map((planned, i) => ({ floor: i + 1, planned, completed: done[i] ?? null }));

describe('delay in days (hand-computed)', () => {
  it('is how long ago the lowest open floor was due', () => {
    // Floors 1, 2 done; on 03-20 floor 3 (due 03-15) is open: 5 days late.
    expect(delayOf(floors(['2027-03-01', '2027-03-09']), [], '2027-03-20')).toBe(5);
    // On 03-15 itself it is due today: 0.
    expect(delayOf(floors(['2027-03-01', '2027-03-09']), [], '2027-03-15')).toBe(0);
  });

  it('is 0 once the site has caught up, however late earlier floors were', () => {
    // Floor 2 finished 6 days late, floor 3 early; on 03-20 floor 4 (due 03-22) is not yet due.
    expect(delayOf(floors(['2027-03-01', '2027-03-14', '2027-03-14']), [], '2027-03-20')).toBe(0);
  });

  it('freezes at how late the top floor finished when every floor is done', () => {
    const all = floors(['2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22', '2027-04-02']);
    expect(delayOf(all, [], '2027-06-01')).toBe(4);
  });

  it('counts an open milestone past its day, and not a reached one', () => {
    const f = floors(['2027-03-01', '2027-03-08']);
    expect(delayOf(f, [{ planned: '2027-03-01', done: null }], '2027-03-12')).toBe(11);
    expect(delayOf(f, [{ planned: '2027-03-01', done: '2027-03-05' }], '2027-03-12')).toBe(0);
  });

  it("a floor's own delay: done late, or due and open", () => {
    expect(floorDelayOf({ floor: 1, planned: '2027-03-01', completed: '2027-03-04' }, '2027-03-10')).toBe(3);
    expect(floorDelayOf({ floor: 1, planned: '2027-03-01', completed: null }, '2027-03-10')).toBe(9);
    expect(floorDelayOf({ floor: 1, planned: '2027-03-01', completed: '2027-02-27' }, '2027-03-10')).toBe(0);
  });

  it('bands: 0 on time, 1–14 delayed, 15+ badly delayed', () => {
    expect([0, 1, 14, 15].map(delayBandOf)).toEqual(['on-time', 'delayed', 'delayed', 'badly-delayed']);
  });

  it('curves are cumulative floors by day, one point per day', () => {
    const f = floors(['2027-03-01', '2027-03-09', '2027-03-09']);
    expect(plannedCurve(f).map((p) => p.floors)).toEqual([1, 2, 3, 4, 5]);
    expect(actualCurve(f)).toEqual([
      { day: '2027-03-01', floors: 1 },
      { day: '2027-03-09', floors: 3 },
    ]);
  });

  it('finds a floor planned before the one below it', () => {
    expect(firstOutOfOrder([{ floor: 1, planned: '2027-03-08' }, { floor: 2, planned: '2027-03-01' }])).toEqual({ floor: 2, below: 1, belowPlanned: '2027-03-08' });
    expect(firstOutOfOrder([{ floor: 1, planned: '2027-03-01' }, { floor: 2, planned: '2027-03-01' }])).toBeNull();
  });

  it("site days are the site's: 23:30 UTC is the next day in Shanghai", () => {
    expect(siteDayOf(Date.parse('2027-03-01T15:59:59Z'), 'Asia/Shanghai')).toBe('2027-03-01');
    expect(siteDayOf(Date.parse('2027-03-01T16:00:00Z'), 'Asia/Shanghai')).toBe('2027-03-02');
  });
});
