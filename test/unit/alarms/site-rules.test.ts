import { describe, expect, it } from 'vitest';
import type { TelemetryRecord } from '../../../electron/common/telemetry.js';
import { AlarmEngine } from '../../../electron/core/alarms/alarm-engine.js';
import { SiteRules } from '../../../electron/core/alarms/rules/site-rules.js';
import { OPERATOR, SAFETY, T0, counterIds } from './helpers.js';

function craneRecord(ts: number, momentPct: number): TelemetryRecord<'crane'> {
  return { deviceId: 'crane-1', kind: 'crane', ts, values: { loadT: 1, ratedLoadT: 10, momentPct, radiusM: 20, heightM: 30, slewDeg: 0, windMs: 2, tiltDeg: 0.1 } };
}

describe('readings through SiteRules into the engine', () => {
  it('a 112 % moment held past the 2 s on-delay latches a critical cut-off that outlives the load', () => {
    const rules = new SiteRules({ timeZone: 'Asia/Shanghai' });
    const engine = new AlarmEngine({ newId: counterIds() });
    for (let s = 0; s <= 3; s++) engine.evaluate(rules.evaluate(craneRecord(T0 + s * 1_000, 112)), T0 + s * 1_000);
    const shown = engine.annunciated().map((a) => [a.conditionKey, a.priority]);
    expect(shown).toEqual([
      ['crane-1:moment:warning', 'medium'],
      ['crane-1:moment:overload', 'high'],
      ['crane-1:moment:cutoff', 'critical'],
    ]);
    // Load set down; after the 5 s off-delay the non-latched levels return to normal (unacknowledged).
    for (let s = 4; s <= 12; s++) engine.evaluate(rules.evaluate(craneRecord(T0 + s * 1_000, 20)), T0 + s * 1_000);
    const byKey = Object.fromEntries(engine.annunciated().map((a) => [a.conditionKey, a.state]));
    expect(byKey).toEqual({ 'crane-1:moment:warning': 'unack-rtn', 'crane-1:moment:overload': 'unack-rtn', 'crane-1:moment:cutoff': 'unack-active' });
    const cutoff = engine.byConditionKey('crane-1:moment:cutoff');
    expect(cutoff?.peakValue).toBe(112);
    expect(engine.acknowledge(cutoff!.id, OPERATOR, 'load set down, driver stopped', T0 + 20_000).ok).toBe(true);
    expect(engine.reset(cutoff!.id, SAFETY, 'limiter checked', T0 + 30_000).ok).toBe(true);
    expect(engine.byConditionKey('crane-1:moment:cutoff')?.state).toBe('normal');
  });

  it('a gate event raises nothing', () => {
    const rules = new SiteRules({ timeZone: 'Asia/Shanghai' });
    expect(rules.evaluate({ deviceId: 'g1', kind: 'gate', ts: T0, values: { workerId: 'w', direction: 'in', gateId: 'g1' } })).toEqual([]);
  });
});
