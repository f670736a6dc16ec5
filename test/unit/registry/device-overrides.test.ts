import { describe, expect, it } from 'vitest';
import type { DeviceIdentity } from '../../../electron/common/api.js';
import { applyToConfig, applyUpdate, identityOf, mergeOverride, overriddenFields } from '../../../electron/core/registry/device-overrides.js';

const BASE: DeviceIdentity = { name: '1# 塔吊', model: 'QTZ125', supplier: 'Demo Crane Co.', installedOn: '2026-03-02', position: { e: -22, n: 12, u: 0 }, expectedIntervalS: 1 };

describe('registry override merging', () => {
  it('the override wins field by field; untouched fields come from the site file', () => {
    expect(mergeOverride(BASE, { name: 'Crane A', position: { e: 1, n: 2, u: 3 } })).toEqual({ ...BASE, name: 'Crane A', position: { e: 1, n: 2, u: 3 } });
    expect(mergeOverride(BASE, undefined)).toEqual(BASE);
  });

  it('an update records each changed field from → to and leaves the rest of the override alone', () => {
    const first = applyUpdate(BASE, undefined, { name: 'Crane A', serial: 'S-1' });
    expect(first.override).toEqual({ name: 'Crane A', serial: 'S-1' });
    expect(first.changes).toEqual({ name: { from: '1# 塔吊', to: 'Crane A' }, serial: { from: null, to: 'S-1' } });
    const second = applyUpdate(BASE, first.override, { expectedIntervalS: 5 });
    expect(second.override).toEqual({ name: 'Crane A', serial: 'S-1', expectedIntervalS: 5 });
    expect(Object.keys(second.changes)).toEqual(['expectedIntervalS']);
  });

  it('null or a value equal to the site file drops the override, so later site-file fixes show through', () => {
    const { override } = applyUpdate(BASE, { name: 'Crane A', model: 'X' }, { name: null, model: 'QTZ125' });
    expect(override).toEqual({});
    expect(overriddenFields(override)).toEqual([]);
    const same = applyUpdate(BASE, undefined, { position: { e: -22, n: 12, u: 0 } });
    expect(same.override).toEqual({});
    expect(same.changes).toEqual({});
  });

  it('identityOf reads the registry fields of a site-file device; applyToConfig keeps the rest of the config', () => {
    const config = { id: 'crane-1', kind: 'crane' as const, name: 'C', expectedIntervalS: 1, model: 'M', crane: { towerHeightM: 60, jibLengthM: 50, counterJibLengthM: 10 } };
    expect(identityOf(config)).toEqual({ name: 'C', model: 'M', expectedIntervalS: 1 });
    const applied = applyToConfig(config, { name: 'New', position: { e: 1, n: 1, u: 0 } });
    expect(applied).toMatchObject({ id: 'crane-1', name: 'New', model: 'M', position: { e: 1, n: 1, u: 0 }, crane: config.crane });
  });
});
