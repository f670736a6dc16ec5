/**
 * Which wall screen each display shows (issue: one window per display, restored after a restart
 * or a display change). Pure functions over a faked-or-real display list, so the rules are tested
 * under Node; main.ts only feeds them Electron's `screen` and opens the windows they name.
 *
 * Rules:
 * - A display is recognised by its id, or, when the OS gave it a new id (driver update, another
 *   port), by the same bounds: a wall display that is re-plugged keeps its screen.
 * - The primary display shows the console unless it was given a screen.
 * - A new display takes the screen of a remembered display that is gone (a panel swapped for
 *   another), else the default wall.
 * - A display that disappears keeps its entry, so its screen comes back with it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Rectangle } from './electron-types.js';

export interface DisplayInfo {
  id: number;
  bounds: Rectangle;
}

/** What the settings file remembers for one display. `screen` null: the console (tabs). */
export interface DisplayAssignment {
  displayId: number;
  bounds: Rectangle;
  screen: string | null;
}

/** One window to show: on which display, at which bounds, with which screen. */
export interface WindowPlan {
  displayId: number;
  bounds: Rectangle;
  screen: string | null;
}

export const DEFAULT_WALL_SCREEN = 'default';
const SCREEN_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

function sameBounds(a: Rectangle, b: Rectangle): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** One window per display, in the displays' order, with the screen each should show. */
export function planWindows(displays: readonly DisplayInfo[], primaryId: number, saved: readonly DisplayAssignment[]): WindowPlan[] {
  const used = new Set<DisplayAssignment>();
  const matched = new Map<number, DisplayAssignment>();
  // By id first, then by bounds for displays the OS renumbered.
  for (const display of displays) {
    const entry = saved.find((s) => !used.has(s) && s.displayId === display.id);
    if (entry) {
      used.add(entry);
      matched.set(display.id, entry);
    }
  }
  for (const display of displays) {
    if (matched.has(display.id)) continue;
    const entry = saved.find((s) => !used.has(s) && sameBounds(s.bounds, display.bounds));
    if (entry) {
      used.add(entry);
      matched.set(display.id, entry);
    }
  }
  const present = new Set(displays.map((d) => d.id));
  // Screens of remembered displays not present now, for new displays to take over.
  const orphans = saved.filter((s) => !used.has(s) && !present.has(s.displayId) && s.screen !== null);
  return displays.map((display) => {
    const entry = matched.get(display.id);
    if (entry) return { displayId: display.id, bounds: display.bounds, screen: entry.screen };
    if (display.id === primaryId) return { displayId: display.id, bounds: display.bounds, screen: null };
    const orphan = orphans.shift();
    return { displayId: display.id, bounds: display.bounds, screen: orphan ? orphan.screen : DEFAULT_WALL_SCREEN };
  });
}

/**
 * The settings to store after planning: each shown display's entry (its current id and bounds),
 * plus remembered displays not shown now, except those whose screen a new display took over.
 */
export function rememberPlan(plan: readonly WindowPlan[], saved: readonly DisplayAssignment[]): DisplayAssignment[] {
  const shown = plan.map((p) => ({ displayId: p.displayId, bounds: p.bounds, screen: p.screen }));
  const taken = new Set(plan.map((p) => p.screen).filter((s) => s !== null));
  const ids = new Set(plan.map((p) => p.displayId));
  const kept = saved.filter((s) => !ids.has(s.displayId) && !plan.some((p) => sameBounds(p.bounds, s.bounds)) && !(s.screen !== null && taken.has(s.screen)));
  return [...shown, ...kept];
}

/** An operator pointed a window at another screen (or back at the console): remember it for that display. */
export function assignScreen(saved: readonly DisplayAssignment[], display: DisplayInfo, screen: string | null): DisplayAssignment[] {
  const rest = saved.filter((s) => s.displayId !== display.id);
  return [...rest, { displayId: display.id, bounds: display.bounds, screen }];
}

/** What the window should change after a display change: windows to open, close, or move/renavigate. */
export function windowChanges(open: ReadonlyMap<number, { screen: string | null; bounds: Rectangle }>, plan: readonly WindowPlan[]): { open: WindowPlan[]; close: number[]; update: WindowPlan[] } {
  const planned = new Map(plan.map((p) => [p.displayId, p]));
  const close = [...open.keys()].filter((id) => !planned.has(id));
  const toOpen = plan.filter((p) => !open.has(p.displayId));
  const update = plan.filter((p) => {
    const current = open.get(p.displayId);
    return current !== undefined && (current.screen !== p.screen || !sameBounds(current.bounds, p.bounds));
  });
  return { open: toOpen, close, update };
}

/** The URL a window loads: the console, or `#/screen/NAME`. */
export function screenUrl(consoleUrl: string, screen: string | null): string {
  const base = consoleUrl.replace(/#.*$/, '');
  return screen === null ? base : `${base}#/screen/${encodeURIComponent(screen)}`;
}

/** The screen a window's URL shows (null: the console's other views). */
export function screenOfUrl(url: string): string | null {
  const match = /#\/screen\/([^/?#]+)/.exec(url);
  if (!match) return null;
  const name = decodeURIComponent(match[1]!);
  return SCREEN_NAME.test(name) ? name : null;
}

function isRect(r: unknown): r is Rectangle {
  const b = r as Rectangle | null;
  return !!b && [b.x, b.y, b.width, b.height].every(Number.isFinite) && b.width > 0 && b.height > 0;
}

/** Reads the remembered assignments; a missing or damaged file, or a bad entry, is dropped (never a crash at start). */
export function loadDisplayAssignments(file: string): DisplayAssignment[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  const list = (raw as { displays?: unknown } | null)?.displays;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (e): e is DisplayAssignment =>
      !!e && Number.isInteger((e as DisplayAssignment).displayId) && isRect((e as DisplayAssignment).bounds) && ((e as DisplayAssignment).screen === null || (typeof (e as DisplayAssignment).screen === 'string' && SCREEN_NAME.test((e as DisplayAssignment).screen!))),
  );
}

export function saveDisplayAssignments(file: string, assignments: readonly DisplayAssignment[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ displays: assignments }, null, 2));
}
