import { describe, expect, it } from 'vitest';
import type { CraneTelemetry, HoistTelemetry } from '../../../electron/common/telemetry.js';
import type { ConditionEvaluation } from '../../../electron/core/alarms/alarm-types.js';
import { DEFAULT_CRANE_RULES, evaluateCrane } from '../../../electron/core/alarms/rules/crane.js';
import { DustMonitorRules } from '../../../electron/core/alarms/rules/dust.js';
import { evaluateHoist, DEFAULT_HOIST_RULES } from '../../../electron/core/alarms/rules/hoist.js';
import { DEFAULT_NOISE_RULES, energyMeanDb, isNight } from '../../../electron/core/alarms/rules/noise.js';
import { evaluateOffline } from '../../../electron/core/alarms/rules/offline.js';
import { RangingRules, DEFAULT_RANGING_RULES } from '../../../electron/core/alarms/rules/ranging.js';
import { RollingWindow } from '../../../electron/core/alarms/rules/rolling-window.js';

const MIN = 60_000;
/** 2025-06-02 00:00 Asia/Shanghai = 2025-06-01 16:00 UTC. */
const SH_MIDNIGHT = Date.UTC(2025, 5, 1, 16, 0, 0);

function crane(over: Partial<CraneTelemetry> = {}): CraneTelemetry {
  return { loadT: 0, ratedLoadT: 10, momentPct: 0, radiusM: 20, heightM: 30, slewDeg: 0, windMs: 0, tiltDeg: 0, ...over };
}

function beyondKeys(evs: ConditionEvaluation[]): string[] {
  return evs.filter((e) => e.beyond).map((e) => e.conditionKey);
}

function find(evs: ConditionEvaluation[], key: string): ConditionEvaluation {
  const e = evs.find((x) => x.conditionKey === key);
  if (!e) throw new Error(`no evaluation ${key} in ${evs.map((x) => x.conditionKey).join(', ')}`);
  return e;
}

describe('crane rules', () => {
  it.each([
    [8.99, []],
    [9, ['crane-1:load:warning']],
    [10, ['crane-1:load:warning', 'crane-1:load:overload']],
    [11, ['crane-1:load:warning', 'crane-1:load:overload', 'crane-1:load:cutoff']],
  ])('load %s t of 10 t rated', (loadT, expected) => {
    expect(beyondKeys(evaluateCrane('crane-1', crane({ loadT })))).toEqual(expected);
  });

  it('load % is exact at the boundary despite binary fractions (2.9 t of 10 t is 29 %, not 28.999…)', () => {
    const evs = evaluateCrane('crane-1', crane({ loadT: 2.9 }), { ...DEFAULT_CRANE_RULES, warningPct: 29 });
    expect(find(evs, 'crane-1:load:warning')).toMatchObject({ value: 29, beyond: true });
  });

  it.each([
    [89.9, []],
    [90, ['warning']],
    [99.9, ['warning']],
    [100, ['warning', 'overload']],
    [109.9, ['warning', 'overload']],
    [110, ['warning', 'overload', 'cutoff']],
  ])('moment %s %% raises %j', (momentPct, levels) => {
    const keys = beyondKeys(evaluateCrane('crane-1', crane({ momentPct })));
    expect(keys).toEqual((levels as string[]).map((l) => `crane-1:moment:${l}`));
  });

  it('110 % is critical and latched; 100 % high; 90 % medium', () => {
    const evs = evaluateCrane('crane-1', crane({ momentPct: 111 }));
    expect(find(evs, 'crane-1:moment:cutoff')).toMatchObject({ priority: 'critical', latched: true });
    expect(find(evs, 'crane-1:moment:overload')).toMatchObject({ priority: 'high', latched: false });
    expect(find(evs, 'crane-1:moment:warning')).toMatchObject({ priority: 'medium', latched: false });
  });

  it('deadband: 89 % after 90 % is not yet clearable, 87.9 % is (deadband 2 points)', () => {
    expect(find(evaluateCrane('crane-1', crane({ momentPct: 89 })), 'crane-1:moment:warning')).toMatchObject({ beyond: false, clearable: false });
    expect(find(evaluateCrane('crane-1', crane({ momentPct: 87.9 })), 'crane-1:moment:warning')).toMatchObject({ beyond: false, clearable: true });
  });

  it.each([
    [10.7, []],
    [10.8, ['crane-1:wind:warning']],
    [13.7, ['crane-1:wind:warning']],
    [13.8, ['crane-1:wind:warning', 'crane-1:wind:alarm']],
  ])('wind %s m/s', (windMs, expected) => {
    expect(beyondKeys(evaluateCrane('crane-1', crane({ windMs })))).toEqual(expected);
  });

  it('tilt is judged on its magnitude against 1°', () => {
    expect(beyondKeys(evaluateCrane('crane-1', crane({ tiltDeg: -1.2 })))).toEqual(['crane-1:tilt']);
    expect(beyondKeys(evaluateCrane('crane-1', crane({ tiltDeg: 0.99 })))).toEqual([]);
  });
});

describe('hoist rules', () => {
  const hoist = (over: Partial<HoistTelemetry> = {}): HoistTelemetry => ({
    loadKg: 500, ratedLoadKg: 2000, people: 3, ratedPeople: 9, floor: 3, heightM: 9, speedMs: 0, doorOpen: false, tiltDeg: 0, ...over,
  });

  it.each([
    [0.0, true, false],
    [0.05, true, false],
    [0.06, true, true],
    [-0.8, true, true],
    [1.0, false, false],
  ])('speed %s m/s, door open %s → door-open-while-moving %s', (speedMs, doorOpen, expected) => {
    const ev = find(evaluateHoist('hoist-1', hoist({ speedMs, doorOpen })), 'hoist-1:door-open-moving');
    expect(ev.beyond).toBe(expected);
    expect(ev.priority).toBe('critical');
  });

  it('overload above rated, people above rated', () => {
    expect(beyondKeys(evaluateHoist('hoist-1', hoist({ loadKg: 2000, people: 9 })))).toEqual([]);
    expect(beyondKeys(evaluateHoist('hoist-1', hoist({ loadKg: 2001, people: 10 })))).toEqual(['hoist-1:overload', 'hoist-1:people']);
  });

  it('people: 10 in a 9-person cage clears as soon as the tenth steps out', () => {
    expect(find(evaluateHoist('hoist-1', hoist({ people: 10 })), 'hoist-1:people')).toMatchObject({ beyond: true });
    expect(find(evaluateHoist('hoist-1', hoist({ people: 9 })), 'hoist-1:people')).toMatchObject({ beyond: false, clearable: true });
  });

  it('unknown driver only when a list is configured', () => {
    expect(evaluateHoist('hoist-1', hoist({ driverId: 'D9' })).map((e) => e.conditionKey)).not.toContain('hoist-1:unknown-driver');
    const config = { ...DEFAULT_HOIST_RULES, authorisedDrivers: ['D1', 'D2'] };
    expect(find(evaluateHoist('hoist-1', hoist({ driverId: 'D9' }), config), 'hoist-1:unknown-driver').beyond).toBe(true);
    expect(find(evaluateHoist('hoist-1', hoist({}), config), 'hoist-1:unknown-driver').beyond).toBe(true);
    expect(find(evaluateHoist('hoist-1', hoist({ driverId: 'D2' }), config), 'hoist-1:unknown-driver').beyond).toBe(false);
  });
});

describe('RollingWindow', () => {
  const T = Date.UTC(2025, 5, 2, 0, 0, 0);

  it('means the minute means, so a burst in one minute weighs as one minute', () => {
    const w = new RollingWindow(60);
    // minute 0: 10, 20 (mean 15); minute 1: 40; minute 2: 50, 50, 50, 50 (mean 50)
    w.add(T, 10);
    w.add(T + 30_000, 20);
    w.add(T + MIN, 40);
    for (let i = 0; i < 4; i++) w.add(T + 2 * MIN + i * 1_000, 50);
    expect(w.mean(T + 2 * MIN, 5)).toEqual({ mean: (15 + 40 + 50) / 3, minutes: 3 });
    // A 2-minute window ending in minute 2 holds minutes 1 and 2 only.
    expect(w.mean(T + 2 * MIN, 2)).toEqual({ mean: 45, minutes: 2 });
  });

  it('evicts minutes beyond its span and keeps memory bounded', () => {
    const w = new RollingWindow(5);
    for (let m = 0; m < 12; m++) w.add(T + m * MIN, m);
    expect(w.bucketCount()).toBe(5);
    // minutes 7..11 → mean 9
    expect(w.mean(T + 11 * MIN, 5)).toEqual({ mean: 9, minutes: 5 });
    // a sample older than the ring is refused
    expect(w.add(T, 1000)).toBe(false);
    expect(w.mean(T + 11 * MIN, 5)?.mean).toBe(9);
    // ten minutes later nothing is left in the window
    expect(w.mean(T + 21 * MIN, 5)).toBeNull();
  });
});

describe('dust presets', () => {
  function feedHour(rules: DustMonitorRules, start: number, pm10: (minute: number) => number, minutes = 60): ConditionEvaluation[] {
    let last: ConditionEvaluation[] = [];
    for (let m = 0; m < minutes; m++) last = rules.evaluate({ pm10: pm10(m) }, start + m * MIN);
    return last;
  }

  it('Wuhan: hourly PM10 above 150 warns, above 200 stops work until below 150', () => {
    const rules = new DustMonitorRules('dust-1', { preset: 'wuhan', timeZone: 'Asia/Shanghai', noise: null });
    const start = SH_MIDNIGHT + 8 * 3_600_000;
    // 44 minutes of 300: not enough coverage (GB 3095: 45 minutes) → nothing judged.
    expect(feedHour(rules, start, () => 300, 44)).toEqual([]);
    // 60 minutes: 30 at 120 and 30 at 200 → mean 160: warning only.
    const rules2 = new DustMonitorRules('dust-1', { preset: 'wuhan', timeZone: 'Asia/Shanghai', noise: null });
    const evs = feedHour(rules2, start, (m) => (m < 30 ? 120 : 200));
    expect(find(evs, 'dust-1:pm10-1h-warning')).toMatchObject({ value: 160, beyond: true, priority: 'medium' });
    expect(find(evs, 'dust-1:pm10-1h-stop-work')).toMatchObject({ beyond: false, clearable: false });
    // Mean 210: stop work (critical).
    const rules3 = new DustMonitorRules('dust-1', { preset: 'wuhan', timeZone: 'Asia/Shanghai', noise: null });
    const stop = find(feedHour(rules3, start, () => 210), 'dust-1:pm10-1h-stop-work');
    expect(stop).toMatchObject({ value: 210, beyond: true, priority: 'critical' });
    // Mean 160 after a stop: still not clearable (must fall below 150); 149 clears.
    expect(find(feedHour(rules3, start + 60 * MIN, () => 160), 'dust-1:pm10-1h-stop-work')).toMatchObject({ beyond: false, clearable: false });
    expect(find(feedHour(rules3, start + 120 * MIN, () => 150), 'dust-1:pm10-1h-stop-work')).toMatchObject({ beyond: false, clearable: false });
    expect(find(feedHour(rules3, start + 180 * MIN, () => 149), 'dust-1:pm10-1h-stop-work')).toMatchObject({ beyond: false, clearable: true });
  });

  it('GB 3095 grade II: 24-hour means judged only with 20 hours of data', () => {
    const rules = new DustMonitorRules('dust-1', { preset: 'gb3095-grade2', timeZone: 'Asia/Shanghai', noise: null });
    let evs: ConditionEvaluation[] = [];
    for (let m = 0; m < 20 * 60; m++) {
      evs = rules.evaluate({ pm10: 160, pm25: 70, tsp: 100 }, SH_MIDNIGHT + m * MIN);
      if (m === 20 * 60 - 2) expect(evs).toEqual([]);
    }
    expect(beyondKeys(evs)).toEqual(['dust-1:pm10-24h']);
    expect(find(evs, 'dust-1:pm25-24h')).toMatchObject({ value: 70, beyond: false });
  });

  it('Hebei: counts clock hours above 80 and alarms on the third in a day', () => {
    const rules = new DustMonitorRules('dust-1', { preset: 'hebei-db13-2934', timeZone: 'Asia/Shanghai', noise: null });
    let evs: ConditionEvaluation[] = [];
    // 08:00–11:59 site time: hours 8, 9, 10 above 80, hour 11 below.
    const hourly = [100, 90, 85, 40];
    hourly.forEach((v, h) => {
      evs = feedHour(rules, SH_MIDNIGHT + (8 + h) * 3_600_000, () => v);
    });
    // Hour 11 closes hours 8, 9, 10 → 3 exceedances > 2 allowed.
    expect(find(evs, 'dust-1:pm10-daily-exceedances')).toMatchObject({ value: 3, limit: 2, beyond: true, priority: 'high' });
    // Next day starts at zero.
    const nextDay = rules.evaluate({ pm10: 40 }, SH_MIDNIGHT + 24 * 3_600_000 + 5 * MIN);
    expect(find(nextDay, 'dust-1:pm10-daily-exceedances')).toMatchObject({ value: 0, beyond: false });
  });
});

describe('noise (GB 12523-2011)', () => {
  it('night is 22:00–06:00 in the site time zone', () => {
    expect(isNight(SH_MIDNIGHT - 90 * MIN, 'Asia/Shanghai')).toBe(true); // 22:30 Shanghai
    expect(isNight(SH_MIDNIGHT - 150 * MIN, 'Asia/Shanghai')).toBe(false); // 21:30
    expect(isNight(SH_MIDNIGHT + 6 * 60 * MIN - 1, 'Asia/Shanghai')).toBe(true); // 05:59:59
    expect(isNight(SH_MIDNIGHT + 6 * 60 * MIN, 'Asia/Shanghai')).toBe(false); // 06:00
    // 22:30 Shanghai is 14:30 UTC: day in London's zone.
    expect(isNight(SH_MIDNIGHT - 90 * MIN, 'Europe/London')).toBe(false);
  });

  function leqAt(end: number, level: number): ConditionEvaluation {
    const rules = new DustMonitorRules('dust-1', { preset: 'wuhan', timeZone: 'Asia/Shanghai', noise: DEFAULT_NOISE_RULES });
    let evs: ConditionEvaluation[] = [];
    for (let m = 19; m >= 0; m--) evs = rules.evaluate({ noiseDb: level }, end - m * MIN);
    return find(evs, 'dust-1:noise');
  }

  it('60 dB(A) over 20 minutes breaks the night limit at 22:30 but not the day limit at 21:30', () => {
    expect(leqAt(SH_MIDNIGHT - 90 * MIN, 60)).toMatchObject({ value: 60, limit: 55, beyond: true });
    expect(leqAt(SH_MIDNIGHT - 150 * MIN, 60)).toMatchObject({ value: 60, limit: 70, beyond: false });
    expect(leqAt(SH_MIDNIGHT - 150 * MIN, 71)).toMatchObject({ limit: 70, beyond: true });
  });

  it('averages levels as energy', () => {
    // 10·log10((10^6 + 10^8)/2) = 77.03
    expect(energyMeanDb([60, 80])).toBeCloseTo(77.03, 2);
  });
});

describe('ranging and offline', () => {
  it('displacement from the baseline and rate per day', () => {
    const r = new RangingRules('ts-1', { ...DEFAULT_RANGING_RULES, points: { P1: { baselineM: 50 } } });
    const t = Date.UTC(2025, 5, 2);
    expect(r.evaluate({ pointId: 'P9', distanceM: 51 }, t)).toEqual([]);
    const first = r.evaluate({ pointId: 'P1', distanceM: 50.01 }, t);
    expect(find(first, 'ts-1:P1:displacement')).toMatchObject({ value: 10, beyond: false });
    expect(first.map((e) => e.conditionKey)).not.toContain('ts-1:P1:rate'); // no history yet
    // 12 h later 50.012 → 2 mm in 0.5 day = 4 mm/day > 3; 12 mm displacement < 30.
    const later = r.evaluate({ pointId: 'P1', distanceM: 50.012 }, t + 12 * 3_600_000);
    expect(find(later, 'ts-1:P1:rate')).toMatchObject({ value: 4, beyond: true });
    expect(find(later, 'ts-1:P1:displacement')).toMatchObject({ value: 12, beyond: false });
    expect(find(r.evaluate({ pointId: 'P1', distanceM: 49.97 }, t + 13 * 3_600_000), 'ts-1:P1:displacement').beyond).toBe(true);
  });

  it('device offline after 3× its interval', () => {
    const now = Date.UTC(2025, 5, 2);
    expect(evaluateOffline('crane-1', 'crane', now - 30_000, 10_000, now)).toMatchObject({ beyond: false, conditionKey: 'crane-1:offline', priority: 'high' });
    expect(evaluateOffline('crane-1', 'crane', now - 30_001, 10_000, now).beyond).toBe(true);
    expect(evaluateOffline('dust-1', 'dust', null, 60_000, now, now - 181_000)).toMatchObject({ beyond: true, priority: 'low' });
  });
});
