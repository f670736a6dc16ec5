import type { Screen, ScreenDraft, ScreenSummary } from '../screens.js';
import type { RouteSpec } from './route-spec.js';

export type { Screen, ScreenDraft, ScreenSummary, PanelPlacement, PanelKind, PanelOptions } from '../screens.js';

/** Wall screens (electron/common/screens.ts): anyone logged in opens them; only admins change them. */
export interface ScreensApi {
  listScreens(): Promise<ScreenSummary[]>;
  getScreen(params: { name: string }): Promise<Screen>;
  /** Creates or replaces a screen; refused with `conflict` when `version` is not the stored one. */
  saveScreen(params: ScreenDraft): Promise<Screen>;
  deleteScreen(params: { name: string }): Promise<{ ok: true }>;
}

const ADMIN = ['admin'] as const;

export const SCREEN_ROUTES = {
  listScreens: { verb: 'GET', path: '/api/screens', auth: true },
  getScreen: { verb: 'GET', path: '/api/screens/:name', auth: true },
  saveScreen: { verb: 'POST', path: '/api/screens/:name', auth: true, roles: ADMIN },
  deleteScreen: { verb: 'DELETE', path: '/api/screens/:name', auth: true, roles: ADMIN },
} as const satisfies Record<keyof ScreensApi, RouteSpec>;
