import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DisplayLike, Rectangle } from './electron-types.js';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
  fullScreen: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { bounds: { x: 80, y: 60, width: 1600, height: 960 }, maximized: false, fullScreen: false };

/**
 * Reads the remembered window state. Bounds that no longer fall on any display (a wall screen
 * was unplugged) are dropped, or the console would open off-screen where nobody can see it.
 */
export function loadWindowState(file: string, displays: DisplayLike[]): WindowState {
  let saved: WindowState;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as WindowState;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  const b = saved?.bounds;
  if (!b || ![b.x, b.y, b.width, b.height].every(Number.isFinite) || b.width < 400 || b.height < 300) return DEFAULT_WINDOW_STATE;
  const visible = displays.some((d) => overlapArea(b, d.workArea) >= 0.5 * Math.min(b.width * b.height, d.workArea.width * d.workArea.height));
  if (!visible) return { ...DEFAULT_WINDOW_STATE, maximized: saved.maximized === true };
  return { bounds: b, maximized: saved.maximized === true, fullScreen: saved.fullScreen === true };
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state));
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
