import { describe, expect, it } from 'vitest';
import { CRANE_LEVELS, craneLevels, momentBand, momentBands } from '../../../electron/common/crane-moment-bands.js';
import type { SiteModel } from '../../../electron/common/site-model.js';
import { buildSiteModel } from '../../../electron/core/api/site-model.js';
import { craneRulesFor, evaluateCrane } from '../../../electron/core/alarms/rules/crane.js';
import { siteSchema } from '../../../electron/core/config/site-schema.js';
import { craneLabel } from '../../../renderer/src/scene/extensions/crane-label.js';

describe('crane moment bands (one definition for the alarm rules and the 3D view)', () => {
  it('are neutral below the pre-warning, then medium, high, critical, inclusive at each set point', () => {
    expect(momentBand(89.99)).toBeNull();
    expect(momentBand(90)).toEqual({ level: 'warning', fromPct: 90, priority: 'medium' });
    expect(momentBand(99.9)?.level).toBe('warning');
    expect(momentBand(100)).toEqual({ level: 'overload', fromPct: 100, priority: 'high' });
    expect(momentBand(110)).toEqual({ level: 'cutoff', fromPct: 110, priority: 'critical' });
    expect(momentBand(250)?.level).toBe('cutoff');
    expect(momentBand(undefined)).toBeNull();
    expect(momentBand(Number.NaN)).toBeNull();
    expect(momentBand(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('default to 90 / 100 / 110 % and follow a crane\'s own set points', () => {
    expect(CRANE_LEVELS).toEqual({ warningPct: 90, overloadPct: 100, cutoffPct: 110 });
    const own = craneLevels({ warningPct: 80, cutoffPct: 105 });
    expect(own).toEqual({ warningPct: 80, overloadPct: 100, cutoffPct: 105 });
    expect(momentBands(own).map((b) => b.fromPct)).toEqual([80, 100, 105]);
    expect(momentBand(85, own)?.level).toBe('warning');
    expect(momentBand(85)).toBeNull();
    expect(momentBand(106, own)?.level).toBe('cutoff');
    expect(momentBand(106)?.level).toBe('overload');
  });

  it('are the levels the core\'s crane rules alarm on (same priorities, same set points)', () => {
    const rules = craneRulesFor({ warningPct: 80 });
    const reading = { loadT: 1, ratedLoadT: 8, momentPct: 85, radiusM: 20, heightM: 30, slewDeg: 0, windMs: 2, tiltDeg: 0 };
    const moment = evaluateCrane('crane-1', reading, rules).filter((e) => e.conditionKey.startsWith('crane-1:moment:'));
    expect(moment.map((e) => [e.conditionKey.split(':')[2], e.limit, e.priority])).toEqual(momentBands(craneLevels(rules)).map((b) => [b.level, b.fromPct, b.priority]));
  });
});

describe('the 3D view shows a crane\'s band at its own set points from the site model', () => {
  function siteModel(): SiteModel {
    const crane = (id: string) => ({ id, kind: 'crane', name: id, expectedIntervalS: 1, position: { e: 0, n: 0, u: 0 }, crane: { towerHeightM: 50, jibLengthM: 50, counterJibLengthM: 12 } });
    const site = siteSchema.parse({
      id: 'demo',
      name: 'Demo',
      timeZone: 'Asia/Shanghai',
      devices: [crane('crane-1'), crane('crane-2')],
      alarms: { cranes: { 'crane-2': { warningPct: 80 } } },
    });
    return buildSiteModel(site);
  }

  it('the core hands each crane\'s set points to the views', () => {
    const model = siteModel();
    expect(model.cranes.find((c) => c.id === 'crane-1')?.levels).toEqual(CRANE_LEVELS);
    expect(model.cranes.find((c) => c.id === 'crane-2')?.levels).toEqual({ warningPct: 80, overloadPct: 100, cutoffPct: 110 });
  });

  it('at 85 % of rated moment: crane-1 (default 90 %) stays neutral, crane-2 (set to 80 %) shows the pre-warning', () => {
    const [one, two] = siteModel().cranes as [SiteModel['cranes'][number], SiteModel['cranes'][number]];
    const values = { slewDeg: 0, radiusM: 20, heightM: 30, momentPct: 85, loadT: 2 };
    const t = (key: string) => key;
    expect(craneLabel(one, values, t)).toEqual({ lines: ['crane-1', 'moment.label 85.0 %', 'load 2.0 t'], band: null });
    expect(craneLabel(two, values, t)).toEqual({ lines: ['crane-2', 'moment.label 85.0 % · moment.warning', 'load 2.0 t'], band: { level: 'warning', fromPct: 80, priority: 'medium' } });
  });
});
