import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assignScreen,
  loadDisplayAssignments,
  planWindows,
  rememberPlan,
  saveDisplayAssignments,
  screenOfUrl,
  screenUrl,
  windowChanges,
  type DisplayInfo,
} from '../../../electron/main/display-screens.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

afterEach(removeTempDirs);

// Displays faked as Electron's `screen.getAllDisplays()` reports them.
const laptop: DisplayInfo = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const wallA: DisplayInfo = { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } };
const wallB: DisplayInfo = { id: 3, bounds: { x: 5760, y: 0, width: 1920, height: 1080 } };

describe('one window per display', () => {
  it('first start: the primary shows the console, every other display the default wall', () => {
    expect(planWindows([laptop, wallA, wallB], 1, []).map((p) => [p.displayId, p.screen])).toEqual([
      [1, null],
      [2, 'default'],
      [3, 'default'],
    ]);
  });

  it('restart: each display gets back its chosen screen, the primary too when it was given one', () => {
    let saved = rememberPlan(planWindows([laptop, wallA, wallB], 1, []), []);
    saved = assignScreen(saved, wallA, 'cranes');
    saved = assignScreen(saved, laptop, 'office');
    const plan = planWindows([laptop, wallA, wallB], 1, saved);
    expect(plan.map((p) => p.screen)).toEqual(['office', 'cranes', 'default']);
  });

  it('a display renumbered by the OS is recognised by its bounds', () => {
    const saved = assignScreen([], wallA, 'cranes');
    const renumbered = { ...wallA, id: 42 };
    expect(planWindows([laptop, renumbered], 1, saved)).toEqual([
      { displayId: 1, bounds: laptop.bounds, screen: null },
      { displayId: 42, bounds: wallA.bounds, screen: 'cranes' },
    ]);
  });

  it('a display that disappears closes its window and its screen comes back with it', () => {
    const saved = rememberPlan(planWindows([laptop, wallA, wallB], 1, assignScreen([], wallB, 'cameras')), assignScreen([], wallB, 'cameras'));
    const without = planWindows([laptop, wallA], 1, saved);
    const open = new Map([laptop, wallA, wallB].map((d) => [d.id, { screen: d.id === 3 ? 'cameras' : d.id === 2 ? 'default' : null, bounds: d.bounds }]));
    expect(windowChanges(open, without)).toEqual({ open: [], close: [3], update: [] });
    const remembered = rememberPlan(without, saved);
    expect(remembered.find((s) => s.displayId === 3)?.screen).toBe('cameras');
    expect(planWindows([laptop, wallA, wallB], 1, remembered).find((p) => p.displayId === 3)?.screen).toBe('cameras');
  });

  it('a new display takes over the screen of a display that is gone, else the default wall', () => {
    const saved = assignScreen([], wallB, 'cameras');
    const replacement: DisplayInfo = { id: 7, bounds: { x: 5760, y: 0, width: 2560, height: 1440 } };
    const plan = planWindows([laptop, replacement], 1, saved);
    expect(plan[1]!.screen).toBe('cameras');
    // The old entry is not kept once its screen moved, so it does not come back twice.
    expect(rememberPlan(plan, saved).filter((s) => s.screen === 'cameras')).toHaveLength(1);
    const another: DisplayInfo = { id: 8, bounds: { x: 0, y: 1080, width: 1920, height: 1080 } };
    expect(planWindows([laptop, replacement, another], 1, rememberPlan(plan, saved))[2]!.screen).toBe('default');
  });

  it('a window moved to another screen is navigated, a new display gets a window', () => {
    const open = new Map([[1, { screen: null, bounds: laptop.bounds }]]);
    const plan = planWindows([laptop, wallA], 1, assignScreen([], laptop, 'office'));
    const changes = windowChanges(open, plan);
    expect(changes.update.map((p) => p.screen)).toEqual(['office']);
    expect(changes.open.map((p) => p.displayId)).toEqual([2]);
  });

  it('URLs: the console or #/screen/NAME, and back', () => {
    expect(screenUrl('http://127.0.0.1:8420/', 'default')).toBe('http://127.0.0.1:8420/#/screen/default');
    expect(screenUrl('http://127.0.0.1:8420/#/alarms', null)).toBe('http://127.0.0.1:8420/');
    expect(screenOfUrl('http://127.0.0.1:8420/#/screen/cranes')).toBe('cranes');
    expect(screenOfUrl('http://127.0.0.1:8420/#/alarms')).toBeNull();
    expect(screenOfUrl('http://127.0.0.1:8420/#/screen/..%2F..')).toBeNull();
  });

  it('the settings file survives a restart; a damaged file or a bad entry is dropped, not a crash', () => {
    const dir = tempDir('display-screens');
    const file = join(dir, 'display-screens.json');
    expect(loadDisplayAssignments(file)).toEqual([]);
    const saved = rememberPlan(planWindows([laptop, wallA], 1, []), []);
    saveDisplayAssignments(file, saved);
    expect(loadDisplayAssignments(file)).toEqual(saved);
    writeFileSync(file, '{not json');
    expect(loadDisplayAssignments(file)).toEqual([]);
    writeFileSync(file, JSON.stringify({ displays: [{ displayId: 2, bounds: wallA.bounds, screen: '../etc' }, { displayId: 'x' }, { displayId: 3, bounds: wallB.bounds, screen: 'ok' }] }));
    expect(loadDisplayAssignments(file)).toEqual([{ displayId: 3, bounds: wallB.bounds, screen: 'ok' }]);
  });
});
