import type { SiteConfig } from '../config/site-schema.js';
import type { Logger } from '../log/logger.js';
import { DEFAULT_SCREEN_NAME, defaultScreen, type Screen, type ScreenDraft, type ScreenSiteFacts } from '../../common/screens.js';
import type { ScreenHandlerDeps } from '../screens/screen-handlers.js';
import { ScreenStore } from '../screens/screen-store.js';
import type { Database } from '../store/database.js';

/** The devices and cameras a screen's panels may name. */
export function screenSiteFacts(site: SiteConfig): ScreenSiteFacts {
  return { devices: new Map(site.devices.map((d) => [d.id, d.kind])), cameras: new Set(site.cameras.map((c) => c.id)) };
}

/** Who writes the default wall: a screen last saved by this actor was never edited by a person. */
const SYSTEM_ACTOR = 'system';

/**
 * Wall screens: the store, and the default wall (主屏) written on first start when no screen
 * exists, so the demo and a new site open `#/screen/default` with something to show. A default
 * wall nobody has edited (last saved by the system) follows this version's layout on start
 * (a new panel reaches existing sites); one an admin saved stays as they left it.
 */
export function wireScreens(o: { db: Database; site: () => SiteConfig; log: Logger }): ScreenHandlerDeps {
  const store = new ScreenStore(o.db);
  const fresh = defaultScreen();
  if (store.count() === 0) {
    store.save(fresh, SYSTEM_ACTOR, Date.now());
    o.log.info('default wall screen created', { name: DEFAULT_SCREEN_NAME });
  } else {
    const stored = store.get(DEFAULT_SCREEN_NAME);
    if (stored && stored.updatedBy === SYSTEM_ACTOR && !sameLayout(stored, fresh)) {
      store.save({ ...fresh, version: stored.version }, SYSTEM_ACTOR, Date.now());
      o.log.info('default wall screen updated to the new default layout (nobody had edited it)', { name: DEFAULT_SCREEN_NAME });
    }
  }
  return { store, site: () => screenSiteFacts(o.site()) };
}

function sameLayout(stored: Screen, draft: ScreenDraft): boolean {
  return stored.title === draft.title && stored.columns === draft.columns && stored.rows === draft.rows && JSON.stringify(stored.panels) === JSON.stringify(draft.panels);
}
