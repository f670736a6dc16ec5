import { afterEach, describe, expect, it, vi } from 'vitest';
import { periodContaining, periodProblem } from '../../../electron/common/reports.js';
import { ReportSchedule, SCHEDULE_TICK_MS } from '../../../electron/core/reports/report-schedule.js';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from '../../../electron/core/reports/report-settings-schema.js';

function scheduleIn(timeZone: string, settings: ReportSettings = DEFAULT_REPORT_SETTINGS) {
  const made = new Set<string>();
  const submitted: Array<{ key: string; from: string; to: string; at: number }> = [];
  const schedule = new ReportSchedule(
    { made: (key) => made.has(key), submit: (_kind, from, to, key) => (made.add(key), submitted.push({ key, from, to, at: Date.now() })) },
    () => settings,
    () => timeZone,
  );
  return { schedule, submitted };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the report schedule fires at the configured local time (fake clock)', () => {
  it('Asia/Shanghai: 06:00 local makes the day before, once; Monday adds the week, the 1st the month', () => {
    vi.useFakeTimers();
    // Sunday 2026-03-15 05:58:30 in Shanghai (UTC+8, no daylight saving).
    vi.setSystemTime(Date.parse('2026-03-15T05:58:30+08:00'));
    const { schedule, submitted } = scheduleIn('Asia/Shanghai');
    schedule.start();
    vi.advanceTimersByTime(60_000);
    expect(submitted).toEqual([]);
    vi.advanceTimersByTime(SCHEDULE_TICK_MS);
    expect(submitted.map((s) => s.key)).toEqual(['daily:2026-03-14']);
    expect(new Date(submitted[0]!.at).toISOString()).toBe('2026-03-14T22:00:00.000Z');
    vi.advanceTimersByTime(3_600_000);
    expect(submitted).toHaveLength(1);
    // Monday 06:00: the Sunday and the week Monday 9th to Sunday 15th.
    vi.setSystemTime(Date.parse('2026-03-16T05:59:45+08:00'));
    vi.advanceTimersByTime(SCHEDULE_TICK_MS);
    expect(submitted.slice(1).map((s) => [s.key, s.to])).toEqual([
      ['daily:2026-03-15', '2026-03-15'],
      ['weekly:2026-03-09', '2026-03-15'],
    ]);
    // The 1st: February's report.
    vi.setSystemTime(Date.parse('2026-03-01T06:00:00+08:00'));
    vi.advanceTimersByTime(SCHEDULE_TICK_MS);
    expect(submitted.slice(3).map((s) => [s.key, s.to])).toEqual([
      ['daily:2026-02-28', '2026-02-28'],
      ['monthly:2026-02-01', '2026-02-28'],
    ]);
    schedule.stop();
  });

  it('a site in another zone (America/New_York, daylight saving) at a configured 07:30', () => {
    vi.useFakeTimers();
    // 2026-03-09: the day after the clocks went forward (UTC−4 now).
    vi.setSystemTime(Date.parse('2026-03-09T07:29:00-04:00'));
    const { schedule, submitted } = scheduleIn('America/New_York', { ...DEFAULT_REPORT_SETTINGS, dailyAt: '07:30', weeklyAt: '08:00' });
    schedule.start();
    expect(submitted).toEqual([]);
    vi.advanceTimersByTime(SCHEDULE_TICK_MS * 2);
    expect(submitted.map((s) => s.key)).toEqual(['daily:2026-03-08']);
    expect(new Date(submitted[0]!.at).toISOString()).toBe('2026-03-09T11:30:00.000Z');
    vi.advanceTimersByTime(30 * 60_000);
    expect(submitted.map((s) => s.key)).toEqual(['daily:2026-03-08', 'weekly:2026-03-02']);
    schedule.stop();
  });

  it('the schedule turned off makes nothing', () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse('2026-03-16T09:00:00+08:00'));
    const { schedule, submitted } = scheduleIn('Asia/Shanghai', { ...DEFAULT_REPORT_SETTINGS, schedule: false });
    expect(schedule.tick()).toEqual([]);
    expect(submitted).toEqual([]);
  });
});

describe('report periods', () => {
  const today = '2026-03-20';
  it('the period containing a day', () => {
    expect(periodContaining('weekly', '2026-03-15')).toEqual({ from: '2026-03-09', to: '2026-03-15' });
    expect(periodContaining('monthly', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
  it('bad periods get a clear reason naming the field', () => {
    expect(periodProblem('daily', '2026-03-14', '2026-03-14', today)).toBeNull();
    expect(periodProblem('monthly', '2026-01-01', '2026-12-31', today)).toMatchObject({ field: 'to', message: expect.stringContaining('one calendar month') });
    expect(periodProblem('daily', '2026-03-21', '2026-03-21', today)).toMatchObject({ field: 'from', message: expect.stringContaining('in the future') });
    expect(periodProblem('weekly', '2026-03-15', '2026-03-09', today)).toMatchObject({ field: 'from', message: expect.stringContaining('after it ends') });
    expect(periodProblem('weekly', '2026-03-10', '2026-03-16', today)).toMatchObject({ field: 'to', message: expect.stringContaining('Monday to Sunday') });
    expect(periodProblem('daily', '2026-02-30', '2026-02-30', today)).toMatchObject({ field: 'from' });
    // The current month has begun: it may be reported (so far).
    expect(periodProblem('monthly', '2026-03-01', '2026-03-31', today)).toBeNull();
  });
});
