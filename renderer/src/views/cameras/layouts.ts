/**
 * Wall layouts and their per-screen memory. A control room has several wall screens showing the
 * same console; each keeps its own layout, keyed by a screen name (`#/cameras/NAME`, or by default
 * the screen's size, which tells wall screens apart from a desk monitor).
 */
export const LAYOUTS = ['1', '2x2', '3x3', '4x4', '1+5'] as const;
export type WallLayout = (typeof LAYOUTS)[number];

/** Tiles a layout holds. 1+5 is one large tile (2×2 cells) and five small ones on a 3×3 grid. */
export const TILE_COUNT: Record<WallLayout, number> = { '1': 1, '2x2': 4, '3x3': 9, '4x4': 16, '1+5': 6 };

/** What a screen remembers. */
export interface WallSettings {
  layout: WallLayout;
  /** Camera id per tile (null: empty tile); longer than the layout is fine (switching back keeps it). */
  tiles: Array<string | null>;
  /** Tour interval, s. */
  tourSec: number;
}

export const DEFAULT_TOUR_SEC = 15;

/** The part of `Storage` (localStorage) the wall uses. */
export interface SettingsStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
const KEY_PREFIX = 'site-command.wall.';

/** `screen-1920x1080` from `window.screen`, or the name given in the URL. */
export function screenName(explicit: string | null, screen: { width: number; height: number }): string {
  if (explicit && /^[\w.-]{1,40}$/.test(explicit)) return explicit;
  return `screen-${screen.width}x${screen.height}`;
}

/** A 4K wall gets 3×3, a large desk monitor 2×2, a small one a single camera. */
export function defaultLayout(screen: { width: number; height: number }): WallLayout {
  if (screen.width >= 3000) return '3x3';
  if (screen.width >= 1280) return '2x2';
  return '1';
}

export function loadWallSettings(storage: Pick<SettingsStore, 'getItem'>, name: string, screen: { width: number; height: number }): WallSettings {
  const fallback: WallSettings = { layout: defaultLayout(screen), tiles: [], tourSec: DEFAULT_TOUR_SEC };
  try {
    const saved = JSON.parse(storage.getItem(KEY_PREFIX + name) ?? 'null') as Partial<WallSettings> | null;
    if (!saved || typeof saved !== 'object') return fallback;
    return {
      layout: (LAYOUTS as readonly string[]).includes(saved.layout ?? '') ? (saved.layout as WallLayout) : fallback.layout,
      tiles: Array.isArray(saved.tiles) ? saved.tiles.slice(0, 16).map((id) => (typeof id === 'string' ? id : null)) : [],
      tourSec: clampTour(Number(saved.tourSec)),
    };
  } catch {
    return fallback;
  }
}

export function saveWallSettings(storage: Pick<SettingsStore, 'setItem'>, name: string, settings: WallSettings): void {
  storage.setItem(KEY_PREFIX + name, JSON.stringify(settings));
}

export function clampTour(seconds: number): number {
  return Number.isFinite(seconds) ? Math.min(600, Math.max(5, Math.round(seconds))) : DEFAULT_TOUR_SEC;
}

/**
 * The cameras the tiles show. Saved assignments first (if the camera still exists); empty slots
 * are filled with cameras not shown elsewhere, in site order. In tour mode the whole page steps
 * through the site's cameras by `tourStep` tiles each time.
 */
export function tileCameras(settings: WallSettings, cameraIds: readonly string[], tourStep: number | null): Array<string | null> {
  const count = TILE_COUNT[settings.layout];
  // A tour only moves when there are more cameras than tiles.
  if (tourStep !== null && cameraIds.length > count) {
    return Array.from({ length: count }, (_, i) => (i < cameraIds.length ? cameraIds[(tourStep * count + i) % cameraIds.length]! : null));
  }
  const known = new Set(cameraIds);
  const tiles = Array.from({ length: count }, (_, i) => {
    const id = settings.tiles[i];
    return id && known.has(id) ? id : null;
  });
  const unused = cameraIds.filter((id) => !tiles.includes(id) && !settings.tiles.includes(id));
  // A tile the operator emptied (null) stays empty; a new or stale one takes the next free camera.
  return tiles.map((id, i) => (id ?? (settings.tiles[i] === null ? null : (unused.shift() ?? null))));
}
