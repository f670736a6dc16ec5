import { afterAll, describe, expect, it } from 'vitest';
import type { DeviceView } from '../../../electron/common/site.js';
import type { TelemetryRecord } from '../../../electron/common/telemetry.js';
import { SiteRules } from '../../../electron/core/alarms/rules/site-rules.js';
import { DeviceStates } from '../../../electron/core/devices/device-states.js';
import { findBlacklistMatch, normalizeName } from '../../../electron/core/registry/blacklist-match.js';
import { DeviceRegistry } from '../../../electron/core/registry/device-registry.js';
import { RegistryStore } from '../../../electron/core/registry/registry-store.js';
import { closeDatabase, openDatabase } from '../../../electron/core/store/database.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

afterAll(removeTempDirs);

const entry = (id: number, model: string | null, supplier: string | null) => ({ id, model, supplier, reason: `entry ${id}` });

describe('blacklist matching', () => {
  it('ignores case, surrounding and repeated spaces and full-width forms', () => {
    expect(normalizeName('  YC-3000 ')).toBe('yc-3000');
    expect(normalizeName('Demo   Environmental\tInstruments')).toBe('demo environmental instruments');
    expect(normalizeName('ＹＣ－３０００')).toBe('yc-3000');
  });

  it('by model (any supplier), by supplier (any model), or both (only that supplier’s model)', () => {
    const byModel = [entry(1, 'yc-3000 ', null)];
    expect(findBlacklistMatch(byModel, { model: 'YC-3000', supplier: 'Anyone' })?.id).toBe(1);
    expect(findBlacklistMatch(byModel, { model: 'YC-3001', supplier: 'Anyone' })).toBeNull();
    const bySupplier = [entry(2, null, 'demo  environmental instruments')];
    expect(findBlacklistMatch(bySupplier, { model: 'X', supplier: ' Demo Environmental Instruments' })?.id).toBe(2);
    expect(findBlacklistMatch(bySupplier, { model: 'X' })).toBeNull();
    const both = [entry(3, 'YC-3000', 'Demo Co.')];
    expect(findBlacklistMatch(both, { model: 'yc-3000', supplier: 'demo co.' })?.id).toBe(3);
    expect(findBlacklistMatch(both, { model: 'yc-3000', supplier: 'Other Co.' })).toBeNull();
    expect(findBlacklistMatch([entry(4, '', '')], { model: '', supplier: '' })).toBeNull();
  });
});

describe('registry with SQLite and live device states', () => {
  const devices = [
    { id: 'dust-1', kind: 'dust' as const, name: 'Dust 1', expectedIntervalS: 60, model: 'YC-3000', supplier: 'Bad Instruments' },
    { id: 'dust-2', kind: 'dust' as const, name: 'Dust 2', expectedIntervalS: 60, model: 'YC-3000', supplier: 'Good Instruments' },
  ];
  const admin = { user: 'admin', role: 'admin' };

  it('edits apply live with a device event, are logged, and survive a reopen; blacklisting marks matching devices only', () => {
    const dir = tempDir();
    let db = openDatabase(dir);
    const events: DeviceView[] = [];
    let registry = new DeviceRegistry(devices, new RegistryStore(db));
    const states = new DeviceStates(registry.effectiveConfigs(), (d) => events.push(d));
    registry.attach(states);
    expect(events).toEqual([]);

    const view = registry.update({ id: 'dust-1', name: 'North gate dust', calibratedOn: '2026-05-01' }, admin);
    expect(view).toMatchObject({ name: 'North gate dust', calibratedOn: '2026-05-01', supplier: 'Bad Instruments' });
    expect(events.at(-1)?.name).toBe('North gate dust');
    expect(registry.store.changesOf('dust-1')[0]).toMatchObject({ actor: 'admin', changes: { name: { from: 'Dust 1', to: 'North gate dust' } } });
    expect(() => registry.update({ id: 'nope', name: 'x' }, admin)).toThrow(/no device/);
    expect(() => registry.update({ id: 'dust-1', installedOn: '2026-06-01' }, admin)).toThrow(/before it was installed/);

    registry.addBlacklistEntry({ supplier: ' bad instruments ', reason: 'not certified' }, admin);
    expect(states.isBlacklisted('dust-1')).toBe(true);
    expect(states.isBlacklisted('dust-2')).toBe(false);
    expect(events.at(-1)).toMatchObject({ id: 'dust-1', blacklisted: true, blacklistReason: 'not certified' });
    expect(() => registry.addBlacklistEntry({ supplier: 'BAD INSTRUMENTS', reason: 'again' }, admin)).toThrow(/already/);
    // Moving dust-2 to the blacklisted supplier through the registry blacklists it too.
    registry.update({ id: 'dust-2', supplier: 'Bad Instruments' }, admin);
    expect(states.isBlacklisted('dust-2')).toBe(true);
    closeDatabase(db);

    db = openDatabase(dir);
    registry = new DeviceRegistry(devices, new RegistryStore(db));
    const again = new DeviceStates(registry.effectiveConfigs(), () => undefined);
    registry.attach(again);
    expect(again.list().map((d) => [d.name, d.blacklisted])).toEqual([
      ['North gate dust', true],
      ['Dust 2', true],
    ]);
    const [lifted] = registry.blacklist();
    registry.removeBlacklistEntry(lifted!.id, admin);
    expect(again.isBlacklisted('dust-1')).toBe(false);
    expect(() => registry.removeBlacklistEntry(lifted!.id, admin)).toThrow(/no blacklist entry/);
    closeDatabase(db);
  });

  it('rules level: a blacklisted monitor’s PM10 feeds no compliance rule; a crane’s safety rules still run', () => {
    const blacklisted = new Set(['dust-1', 'crane-1']);
    const rules = new SiteRules({ timeZone: 'Asia/Shanghai', defaultDust: { preset: 'wuhan' } }, (id) => blacklisted.has(id));
    const t0 = Date.UTC(2026, 5, 1, 2, 0, 0);
    const dust = (deviceId: string, i: number): TelemetryRecord => ({ deviceId, kind: 'dust', ts: t0 + i * 60_000, values: { pm10: 260 } });
    let last1: ReturnType<SiteRules['evaluate']> = [];
    let last2: ReturnType<SiteRules['evaluate']> = [];
    for (let i = 0; i < 60; i++) {
      last1 = rules.evaluate(dust('dust-1', i));
      last2 = rules.evaluate(dust('dust-2', i));
    }
    expect(last1).toEqual([]);
    expect(last2.filter((e) => e.beyond).map((e) => e.conditionKey)).toEqual(['dust-2:pm10-1h-warning', 'dust-2:pm10-1h-stop-work']);
    const crane = rules.evaluate({ deviceId: 'crane-1', kind: 'crane', ts: t0, values: { loadT: 1, ratedLoadT: 10, momentPct: 112, radiusM: 20, heightM: 30, slewDeg: 0, windMs: 2, tiltDeg: 0.1 } });
    expect(crane.some((e) => e.conditionKey === 'crane-1:moment:cutoff' && e.beyond)).toBe(true);
  });
});
