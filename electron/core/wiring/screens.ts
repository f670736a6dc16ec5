import type { SiteConfig } from '../config/site-schema.js';
import type { Logger } from '../log/logger.js';
import { defaultScreen, type ScreenSiteFacts } from '../../common/screens.js';
import type { ScreenHandlerDeps } from '../screens/screen-handlers.js';
import { ScreenStore } from '../screens/screen-store.js';
import type { Database } from '../store/database.js';

/** The devices and cameras a screen's panels may name. */
export function screenSiteFacts(site: SiteConfig): ScreenSiteFacts {
  return { devices: new Map(site.devices.map((d) => [d.id, d.kind])), cameras: new Set(site.cameras.map((c) => c.id)) };
}

/**
 * Wall screens: the store, and the default wall (主屏) written on first start when no screen
 * exists, so the demo and a new site open `#/screen/default` with something to show.
 */
export function wireScreens(o: { db: Database; site: () => SiteConfig; log: Logger }): ScreenHandlerDeps {
  const store = new ScreenStore(o.db);
  if (store.count() === 0) {
    store.save(defaultScreen(), 'system', Date.now());
    o.log.info('default wall screen created', { name: 'default' });
  }
  return { store, site: () => screenSiteFacts(o.site()) };
}
