import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/core/log/logger.js';
import { openDatabase } from '../../../electron/core/store/database.js';
import { defaultScreen } from '../../../electron/common/screens.js';
import { wireScreens } from '../../../electron/core/wiring/screens.js';
import { loadSiteDirectory } from '../../../electron/core/config/load-site.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';
import { join } from 'node:path';

afterEach(removeTempDirs);

const log = createLogger({ consoleLevel: 'error' });
const site = loadSiteDirectory(join(import.meta.dirname, '..', '..', '..', 'resources', 'demo-site')).site;

describe('the default wall', () => {
  it('is written on first start only: a site that deleted or replaced it keeps its own screens over a restart', () => {
    const dir = tempDir();
    let db = openDatabase(dir);
    let screens = wireScreens({ db, site: () => site, log });
    expect(screens.store.list().map((s) => s.name)).toEqual(['default']);
    screens.store.save({ name: 'cranes', title: '塔吊', columns: 12, rows: 6, panels: [] }, 'admin', 1);
    screens.store.delete('default');
    db.close();
    db = openDatabase(dir);
    screens = wireScreens({ db, site: () => site, log });
    expect(screens.store.list().map((s) => s.name)).toEqual(['cranes']);
    // The demo site's devices and cameras are what the panels' options are checked against.
    expect(screens.site().devices.get('crane-1')).toBe('crane');
    expect(screens.site().cameras.size).toBeGreaterThan(0);
    db.close();
  });

  it("follows a new default layout while nobody has edited it; an admin's edit is kept", () => {
    const dir = tempDir();
    let db = openDatabase(dir);
    let screens = wireScreens({ db, site: () => site, log });
    // The default as an earlier version wrote it (no map panel, cameras four across).
    const old = defaultScreen();
    const panels = old.panels.filter((p) => p.kind !== 'map').map((p) => (p.kind === 'cameras' ? { ...p, w: 12, options: { columns: 4 } } : p));
    screens.store.save({ ...old, panels, version: 1 }, 'system', 1);
    db.close();
    db = openDatabase(dir);
    screens = wireScreens({ db, site: () => site, log });
    const upgraded = screens.store.get('default')!;
    expect(upgraded.panels).toEqual(defaultScreen().panels);
    expect(upgraded.version).toBe(3);
    // Unchanged on the next start (no write when it already is the default).
    db.close();
    db = openDatabase(dir);
    screens = wireScreens({ db, site: () => site, log });
    expect(screens.store.get('default')!.version).toBe(3);
    // An admin's layout is theirs: never replaced.
    screens.store.save({ ...old, panels, version: 3 }, 'admin', 2);
    db.close();
    db = openDatabase(dir);
    screens = wireScreens({ db, site: () => site, log });
    expect(screens.store.get('default')!.panels.some((p) => p.kind === 'map')).toBe(false);
    expect(screens.store.get('default')!.updatedBy).toBe('admin');
    db.close();
  });
});
