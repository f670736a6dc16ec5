import { WORKFORCE_ALARM_SOURCE } from '../../../electron/common/workforce.js';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/common/api.js';
import { QUALITY_ALARM_SOURCE } from '../../../electron/common/quality.js';
import { alarmSourceName, formatMeasure, metricForAlarm, refusalKey, splitDuration } from '../../../renderer/src/views/alarms/alarm-format.js';
import { chartGeometry } from '../../../renderer/src/views/alarms/chart-geometry.js';

describe('alarm formatting', () => {
  it('formats values with units', () => {
    expect(formatMeasure(115, '%')).toBe('115 %');
    expect(formatMeasure(14.25, 'm/s')).toBe('14.3 m/s');
    expect(formatMeasure(1.23, '°')).toBe('1.2°');
    expect(formatMeasure(null, '%')).toBe('—');
    expect(formatMeasure(12, 'people', (u) => (u === 'people' ? '人' : u))).toBe('12.0 人');
  });

  it('picks the telemetry field an alarm is about', () => {
    const moment = metricForAlarm({ conditionKey: 'crane-1:moment:cutoff', sourceDevice: 'crane-1' });
    expect(moment?.read({ momentPct: 115 })).toBe(115);
    const load = metricForAlarm({ conditionKey: 'crane-1:load:overload', sourceDevice: 'crane-1' });
    expect(load?.read({ loadT: 9.2, ratedLoadT: 8 })).toBeCloseTo(115);
    expect(metricForAlarm({ conditionKey: 'hoist-1:overload', sourceDevice: 'hoist-1' })?.field).toBe('loadKg');
    expect(metricForAlarm({ conditionKey: 'dust-1:pm10-1h-stop-work', sourceDevice: 'dust-1' })?.field).toBe('pm10');
    expect(metricForAlarm({ conditionKey: 'hoist-1:door-open-moving', sourceDevice: 'hoist-1' })).toBeNull();
    expect(metricForAlarm({ conditionKey: 'crane-1:offline', sourceDevice: 'crane-1' })).toBeNull();
  });

  it('explains refusals from the core', () => {
    expect(refusalKey(new ApiError('bad-request', 'comment required', 'comment')).key).toBe('commentRequired');
    expect(refusalKey(new ApiError('forbidden', 'role viewer')).key).toBe('forbidden');
    expect(refusalKey(new ApiError('conflict', 'stale')).key).toBe('conflict');
    expect(refusalKey(new ApiError('internal', 'the site core cannot be reached')).key).toBe('unreachable');
    expect(refusalKey(new Error('boom'))).toEqual({ key: 'generic', message: 'boom' });
  });

  it('splits durations', () => {
    expect(splitDuration(3_725_000)).toEqual({ h: 1, m: 2, s: 5 });
    expect(splitDuration(-5)).toEqual({ h: 0, m: 0, s: 0 });
  });
});

describe('trend chart geometry', () => {
  it('keeps the limit inside the value range', () => {
    const g = chartGeometry([{ ts: 0, value: 20 }, { ts: 10, value: 30 }], 110, 100, 100, 0)!;
    expect(g.max).toBeGreaterThan(110);
    expect(g.limitY).not.toBeNull();
    expect(g.limitY!).toBeGreaterThanOrEqual(0);
    expect(g.limitY!).toBeLessThan(20); // near the top: the limit is far above the values
    expect(g.path.startsWith('M0.0,')).toBe(true);
    expect(g.path).toMatch(/^M0\.0,[\d.]+H100\.0V[\d.]+$/); // held until the next reading, then a step
  });

  it('holds the last reading until now', () => {
    const g = chartGeometry([{ ts: 0, value: 1 }, { ts: 10, value: 2 }], null, 100, 100, 0, 20)!;
    expect(g.t1).toBe(20);
    expect(g.path).toMatch(/^M0\.0,[\d.]+H50\.0V[\d.]+H100\.0$/);
  });

  it('handles no points and one point', () => {
    expect(chartGeometry([], 5, 100, 100)).toBeNull();
    expect(chartGeometry([{ ts: 5, value: 1 }], null, 100, 100)?.path).toMatch(/^M8,[\d.]+H92$/);
  });
});

describe('alarmSourceName', () => {
  const devices = new Map([['crane-1', { name: '1# 塔吊' }]]);
  const t = (key: string) => ({ 'nav.workforce': '劳务实名', 'nav.quality': '质量巡检' })[key] ?? key;
  it("names a device by its name, the workforce's own alarms by the workforce, and leaves other ids as they are", () => {
    const nameOf = alarmSourceName(devices, t);
    expect(nameOf('crane-1')).toBe('1# 塔吊');
    expect(nameOf(WORKFORCE_ALARM_SOURCE)).toBe('劳务实名');
    expect(nameOf(QUALITY_ALARM_SOURCE)).toBe('质量巡检');
    expect(nameOf('gate-9')).toBe('gate-9');
  });
});
