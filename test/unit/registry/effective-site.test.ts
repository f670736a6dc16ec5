import { afterAll, describe, expect, it } from 'vitest';
import { buildSiteModel } from '../../../electron/core/api/site-model.js';
import { siteSchema, type SiteConfig } from '../../../electron/core/config/site-schema.js';
import { DeviceStates } from '../../../electron/core/devices/device-states.js';
import { DeviceRegistry } from '../../../electron/core/registry/device-registry.js';
import { EffectiveSite, type SiteModelEdit } from '../../../electron/core/registry/effective-site.js';
import { RegistryStore } from '../../../electron/core/registry/registry-store.js';
import { closeDatabase, openDatabase } from '../../../electron/core/store/database.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

afterAll(removeTempDirs);

const admin = { user: 'admin', role: 'admin' };

function siteFile(): SiteConfig {
  return siteSchema.parse({
    id: 'demo',
    name: 'Demo',
    timeZone: 'Asia/Shanghai',
    devices: [
      { id: 'crane-2', kind: 'crane', name: '2# crane', expectedIntervalS: 1, position: { e: 46, n: 12, u: 0 }, crane: { towerHeightM: 48, jibLengthM: 56, counterJibLengthM: 12.5 } },
      { id: 'dust-1', kind: 'dust', name: 'East gate dust', expectedIntervalS: 5, position: { e: 95, n: 0, u: 0 } },
    ],
  });
}

describe('the effective site follows registry edits (SQLite, live device states)', () => {
  it('a moved or renamed device changes the site model at once and is announced; other edits are not', () => {
    const db = openDatabase(tempDir());
    const file = siteFile();
    const registry = new DeviceRegistry(file.devices, new RegistryStore(db));
    const site = new EffectiveSite(file, registry);
    registry.attach(new DeviceStates(site.current.devices, () => undefined));
    const edits: SiteModelEdit[] = [];
    site.onModelEdit((_site, edit) => edits.push(edit));

    registry.update({ id: 'dust-1', position: { e: 60, n: -8, u: 0 } }, admin);
    expect(edits).toEqual([{ deviceId: 'dust-1', fields: ['position'] }]);
    expect(buildSiteModel(site.current).devices.find((d) => d.id === 'dust-1')?.position).toEqual({ e: 60, n: -8, u: 0 });

    registry.update({ id: 'crane-2', name: '2# crane (south)', position: { e: 40, n: 12, u: 0 } }, admin);
    expect(edits.at(-1)).toEqual({ deviceId: 'crane-2', fields: ['name', 'position'] });
    const crane = buildSiteModel(site.current).cranes[0]!;
    // Only the base moves; the crane's size still comes from the site file.
    expect(crane).toMatchObject({ name: '2# crane (south)', base: { e: 40, n: 12, u: 0 }, towerHeightM: 48, jibLengthM: 56 });

    // A serial number is not drawn anywhere: the site follows it, the views are not told.
    registry.update({ id: 'dust-1', serial: 'SN-1' }, admin);
    expect(site.current.devices.find((d) => d.id === 'dust-1')?.serial).toBe('SN-1');
    // The same position again changes nothing, so nothing is announced either.
    registry.update({ id: 'dust-1', position: { e: 60, n: -8, u: 0 } }, admin);
    expect(edits).toHaveLength(2);

    // `null` returns to the site file: announced, and the model shows the file's place again.
    registry.update({ id: 'dust-1', position: null }, admin);
    expect(edits.at(-1)).toEqual({ deviceId: 'dust-1', fields: ['position'] });
    expect(buildSiteModel(site.current).devices.find((d) => d.id === 'dust-1')?.position).toEqual({ e: 95, n: 0, u: 0 });
    // The file itself is never changed: it stays the installer's baseline.
    expect(file.devices.find((d) => d.id === 'dust-1')?.position).toEqual({ e: 95, n: 0, u: 0 });
    closeDatabase(db);
  });

  it('starts from edits stored before a restart', () => {
    const dir = tempDir();
    let db = openDatabase(dir);
    const registry = new DeviceRegistry(siteFile().devices, new RegistryStore(db));
    registry.attach(new DeviceStates(registry.effectiveConfigs(), () => undefined));
    registry.update({ id: 'crane-2', position: { e: 46, n: 140, u: 0 } }, admin);
    closeDatabase(db);
    db = openDatabase(dir);
    const file = siteFile();
    const site = new EffectiveSite(file, new DeviceRegistry(file.devices, new RegistryStore(db)));
    expect(buildSiteModel(site.current).cranes[0]?.base).toEqual({ e: 46, n: 140, u: 0 });
    closeDatabase(db);
  });

  it('an unknown device is refused and announces nothing', () => {
    const db = openDatabase(tempDir());
    const file = siteFile();
    const registry = new DeviceRegistry(file.devices, new RegistryStore(db));
    const site = new EffectiveSite(file, registry);
    const edits: SiteModelEdit[] = [];
    site.onModelEdit((_site, edit) => edits.push(edit));
    expect(() => registry.update({ id: 'dust-9', position: { e: 1, n: 1, u: 0 } }, admin)).toThrow(/no device "dust-9"/);
    expect(edits).toEqual([]);
    expect(site.current.devices.map((d) => d.id)).toEqual(['crane-2', 'dust-1']);
    closeDatabase(db);
  });
});
