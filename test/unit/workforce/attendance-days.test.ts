import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTENDANCE_RULE, type AttendanceRule } from '../../../electron/common/attendance.js';
import { attendanceDays, ruleFor, type Punch } from '../../../electron/core/workforce/attendance-days.js';
import { attendanceRulesOf, attendanceSettings } from '../../../electron/core/workforce/attendance-rule-schema.js';

const TZ = 'Asia/Shanghai';
/** Site-local time on a day in March 2026 (Asia/Shanghai, +08:00). */
const at = (day: number, hhmm: string) => Date.parse(`2026-03-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`);
const inn = (day: number, hhmm: string): Punch => ({ at: at(day, hhmm), direction: 'in' });
const out = (day: number, hhmm: string): Punch => ({ at: at(day, hhmm), direction: 'out' });
const LATER = Date.parse('2026-05-01T00:00:00Z');
const rule = (r: Partial<AttendanceRule>): AttendanceRule => ({ ...DEFAULT_ATTENDANCE_RULE, ...r });

describe('attendance days (span rule, the default)', () => {
  it('first entry to last exit of 4 h or more makes a day; hours are the span', () => {
    const [d] = attendanceDays([inn(2, '07:55'), out(2, '12:00'), inn(2, '13:00'), out(2, '17:30')], [DEFAULT_ATTENDANCE_RULE], TZ, LATER);
    expect(d).toMatchObject({ day: '2026-03-02', credit: 'full', minutes: 9 * 60 + 35, punches: 4, flags: [] });
  });

  it('a span under 4 h is punched but not a day (×); with half days from 2 h it is half', () => {
    const punches = [inn(3, '08:00'), out(3, '11:00')];
    expect(attendanceDays(punches, [DEFAULT_ATTENDANCE_RULE], TZ, LATER)[0]).toMatchObject({ credit: 'short', minutes: 180 });
    expect(attendanceDays(punches, [rule({ halfDayMinHours: 2 })], TZ, LATER)[0]).toMatchObject({ credit: 'half', minutes: 180 });
  });

  it('hours as the sum of intervals leave out the lunch break spent outside', () => {
    const punches = [inn(2, '08:00'), out(2, '12:00'), inn(2, '13:00'), out(2, '17:00')];
    expect(attendanceDays(punches, [rule({ hours: 'intervals' })], TZ, LATER)[0]).toMatchObject({ credit: 'full', minutes: 8 * 60 });
  });

  it('a missing exit is credited to 18:00 and flagged by default', () => {
    const [d] = attendanceDays([inn(4, '08:00')], [DEFAULT_ATTENDANCE_RULE], TZ, LATER);
    expect(d).toMatchObject({ credit: 'full', minutes: 600, flags: ['missing-exit', 'single-punch'], lastOut: null });
  });

  it('a missing exit can be configured to leave the day uncounted', () => {
    const [d] = attendanceDays([inn(4, '08:00')], [rule({ missingExit: { mode: 'not-counted' } })], TZ, LATER);
    expect(d).toMatchObject({ credit: 'short', minutes: 0, flags: ['missing-exit', 'single-punch'] });
  });

  it('an entry after the credited end of shift gets no hours from the credit', () => {
    const [d] = attendanceDays([inn(4, '19:00')], [DEFAULT_ATTENDANCE_RULE], TZ, LATER);
    expect(d).toMatchObject({ credit: 'short', minutes: 0, flags: ['missing-exit', 'single-punch'] });
  });

  it('a worker still inside before the work day ends is on site, not missing an exit', () => {
    const [d] = attendanceDays([inn(4, '08:00')], [DEFAULT_ATTENDANCE_RULE], TZ, at(4, '10:00'));
    expect(d).toMatchObject({ credit: 'short', minutes: 120, flags: ['on-site', 'single-punch'] });
  });

  it('a night shift across midnight belongs to the day it started, and is flagged overnight', () => {
    const days = attendanceDays([inn(5, '20:00'), out(6, '06:00')], [DEFAULT_ATTENDANCE_RULE], TZ, LATER);
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ day: '2026-03-05', credit: 'full', minutes: 600, flags: ['overnight'] });
  });

  it('an entry before the 04:00 day boundary belongs to the day before', () => {
    const [d] = attendanceDays([inn(7, '02:30'), out(7, '03:45')], [DEFAULT_ATTENDANCE_RULE], TZ, LATER);
    expect(d!.day).toBe('2026-03-06');
  });

  it('an exit with no entry is flagged a missing entry and counts for nothing alone', () => {
    const [d] = attendanceDays([out(8, '17:00')], [DEFAULT_ATTENDANCE_RULE], TZ, LATER);
    expect(d).toMatchObject({ credit: 'short', minutes: 0, flags: ['missing-entry', 'single-punch'] });
  });

  it('a repeated entry on the same day is ignored; an exit after more than 16 h is not paired', () => {
    const repeat = attendanceDays([inn(9, '08:00'), inn(9, '08:01'), out(9, '17:00')], [DEFAULT_ATTENDANCE_RULE], TZ, LATER);
    expect(repeat).toHaveLength(1);
    expect(repeat[0]).toMatchObject({ credit: 'full', minutes: 540, flags: [] });
    const forgotten = attendanceDays([inn(10, '07:00'), out(11, '17:00')], [DEFAULT_ATTENDANCE_RULE], TZ, LATER);
    expect(forgotten.map((d) => [d.day, d.flags])).toEqual([
      ['2026-03-10', ['missing-exit', 'single-punch']],
      ['2026-03-11', ['missing-entry', 'single-punch']],
    ]);
  });

  it('a forgotten exit followed by the next day entry leaves the first day without an exit', () => {
    const days = attendanceDays([inn(12, '08:00'), inn(13, '08:00'), out(13, '17:00')], [DEFAULT_ATTENDANCE_RULE], TZ, LATER);
    expect(days.map((d) => [d.day, d.credit, d.flags])).toEqual([
      ['2026-03-12', 'full', ['missing-exit', 'single-punch']],
      ['2026-03-13', 'full', []],
    ]);
  });
});

describe('attendance days (windows rule)', () => {
  const windows = rule({ kind: 'windows', windows: [{ start: '08:00', end: '11:00' }, { start: '13:00', end: '18:00' }] });

  it('a punch in each window makes a day; one window only is not, or half when configured', () => {
    expect(attendanceDays([inn(2, '08:30'), out(2, '17:45')], [windows], TZ, LATER)[0]).toMatchObject({ credit: 'full' });
    expect(attendanceDays([inn(2, '08:30'), out(2, '12:00')], [windows], TZ, LATER)[0]).toMatchObject({ credit: 'short' });
    expect(attendanceDays([inn(2, '08:30'), out(2, '12:00')], [{ ...windows, halfDayWindows: true }], TZ, LATER)[0]).toMatchObject({ credit: 'half' });
    expect(attendanceDays([inn(2, '07:00'), out(2, '19:00')], [windows], TZ, LATER)[0]).toMatchObject({ credit: 'short' });
  });

  it('a credited missing exit adds no punch to a window', () => {
    expect(attendanceDays([inn(2, '08:30')], [windows], TZ, LATER)[0]).toMatchObject({ credit: 'short', flags: ['missing-exit', 'single-punch'] });
  });
});

describe('rule versions', () => {
  const v1 = rule({ from: '2026-01-01' });
  const v2 = rule({ from: '2026-03-16', minHours: 8 });

  it('a new version applies from its date: the same 6 h day is whole before and short after', () => {
    const days = attendanceDays([inn(15, '08:00'), out(15, '14:00'), inn(16, '08:00'), out(16, '14:00')], [v1, v2], TZ, LATER);
    expect(days.map((d) => [d.day, d.credit, d.ruleFrom])).toEqual([
      ['2026-03-15', 'full', '2026-01-01'],
      ['2026-03-16', 'short', '2026-03-16'],
    ]);
  });

  it('ruleFor picks the last version on or before the day, the first before any', () => {
    expect(ruleFor([v1, v2], '2025-12-31').from).toBe('2026-01-01');
    expect(ruleFor([v1, v2], '2026-03-16').from).toBe('2026-03-16');
  });
});

describe('the site file section', () => {
  it('no rules: the documented default (span ≥ 4 h, exit credited to 18:00, boundary 04:00)', () => {
    expect(attendanceRulesOf(undefined)).toEqual([DEFAULT_ATTENDANCE_RULE]);
    expect(DEFAULT_ATTENDANCE_RULE).toMatchObject({ kind: 'span', minHours: 4, missingExit: { mode: 'credit', creditTo: '18:00' }, dayBoundary: '04:00' });
  });

  it('fills defaults for fields left out', () => {
    const parsed = attendanceSettings.parse({ rules: [{ from: '2026-01-01' }] });
    expect(attendanceRulesOf({ attendance: parsed })).toEqual([{ ...DEFAULT_ATTENDANCE_RULE, from: '2026-01-01' }]);
  });

  it.each([
    [{ rules: [{ from: '2026-02-30' }] }, 'rules.0.from', 'a real calendar day'],
    [{ rules: [{ from: '2026-03-01' }, { from: '2026-02-01' }] }, 'rules.1.from', 'date order'],
    [{ rules: [{ from: '2026-03-01', kind: 'windows' }] }, 'rules.0.windows', 'at least one window'],
    [{ rules: [{ from: '2026-03-01', kind: 'windows', windows: [{ start: '11:00', end: '08:00' }] }] }, 'rules.0.windows.0', 'start before it ends'],
    [{ rules: [{ from: '2026-03-01', missingExit: { mode: 'credit', creditTo: '25:00' } }] }, 'rules.0.missingExit.creditTo', 'HH:MM'],
    [{ rules: [{ from: '2026-03-01', dayBoundary: '18:00' }] }, 'rules.0.dayBoundary', 'between 00:00 and 12:00'],
    [{ rules: [{ from: '2026-03-01', halfDayMinHours: 5 }] }, 'rules.0.halfDayMinHours', 'fewer than minHours'],
    [{ rules: [{ from: '2026-03-01', minHour: 4 }] }, 'rules.0', 'Unrecognized key'],
  ])('refuses %j at %s', (input, path, message) => {
    const result = attendanceSettings.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path.join('.') === path);
    expect(issue?.message ?? result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')).toContain(message);
  });
});

describe('the site file as loaded', () => {
  it('names the file, the field and what is wrong in a bad attendance rule', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tempDir, removeTempDirs } = await import('../../helpers/temp-dir.js');
    const { loadSiteFile } = await import('../../../electron/core/config/load-site.js');
    const file = join(tempDir(), 'site.json');
    writeFileSync(file, JSON.stringify({ id: 's', name: 'S', workforce: { attendance: { rules: [{ from: '2026-03-01', kind: 'windows' }] } } }));
    const loaded = loadSiteFile(file);
    expect(loaded.problems).toEqual([{ file, field: 'workforce.attendance.rules.0.windows', message: 'a "windows" rule needs at least one window' }]);
    writeFileSync(file, JSON.stringify({ id: 's', name: 'S', workforce: { attendance: { rules: [{ from: '2026-03-01', minHours: 6 }] } } }));
    expect(attendanceRulesOf(loadSiteFile(file).site.workforce)).toEqual([{ ...DEFAULT_ATTENDANCE_RULE, from: '2026-03-01', minHours: 6 }]);
    removeTempDirs();
  });
});
