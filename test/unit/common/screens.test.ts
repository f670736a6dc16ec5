import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScreen, findFreeSpot, overlappingPairs, PANEL_KINDS, screenProblems, type PanelPlacement, type ScreenDraft, type ScreenSiteFacts } from '../../../electron/common/screens.js';
import { siteDayStart } from '../../../renderer/src/views/screens/panels/site-day.js';

const site: ScreenSiteFacts = {
  devices: new Map([
    ['crane-1', 'crane'],
    ['hoist-1', 'hoist'],
    ['dust-1', 'dust'],
  ]),
  cameras: new Set(['cam-1', 'cam-2']),
};

const draft = (panels: PanelPlacement[], extra: Partial<ScreenDraft> = {}): ScreenDraft => ({ name: 'wall-1', title: '一号屏', columns: 24, rows: 12, panels, ...extra });
const panel = (id: string, x: number, y: number, w: number, h: number, kind: PanelPlacement['kind'] = 'alarms', options = {}): PanelPlacement => ({ id, kind, x, y, w, h, options });
const messages = (d: ScreenDraft) => screenProblems(d, site).map((p) => p.message);

describe('screen layout rules', () => {
  it('the default wall is valid, fills its grid with no gap and no overlap, and holds the 3D in the middle', () => {
    const screen = defaultScreen();
    expect(screenProblems(screen, site)).toEqual([]);
    const cells = screen.panels.reduce((sum, p) => sum + p.w * p.h, 0);
    expect(cells).toBe(screen.columns * screen.rows);
    const site3d = screen.panels.find((p) => p.kind === 'site3d')!;
    expect(site3d.x).toBeGreaterThan(0);
    expect(site3d.x + site3d.w).toBeLessThan(screen.columns);
    for (const kind of ['map', 'cameras', 'alarms', 'cranes', 'hoists', 'environment', 'headcount', 'alarm-kpis']) expect(screen.panels.some((p) => p.kind === kind)).toBe(true);
  });

  it('refuses unknown panel kinds, naming the known ones', () => {
    const bad = draft([{ ...panel('x', 0, 0, 2, 2), kind: 'weather' as PanelPlacement['kind'] }]);
    expect(messages(bad)[0]).toMatch(/"weather" is not a panel kind; use one of site3d, map/);
  });

  it('refuses panels reaching outside the grid, or with no size', () => {
    expect(messages(draft([panel('a', 20, 0, 6, 2)]))[0]).toMatch(/reaches past the 24 × 12 grid/);
    expect(messages(draft([panel('a', 0, 11, 2, 2)]))[0]).toMatch(/reaches past/);
    expect(messages(draft([panel('a', 0, 0, 0, 2)]))[0]).toMatch(/w, h ≥ 1/);
    expect(messages(draft([panel('a', -1, 0, 2, 2)]))[0]).toMatch(/x, y ≥ 0/);
    expect(messages(draft([panel('a', 0.5, 0, 2, 2)]))[0]).toMatch(/whole-cell/);
  });

  it('refuses overlapping panels and duplicate ids; touching edges are fine', () => {
    expect(messages(draft([panel('a', 0, 0, 4, 4), panel('b', 3, 3, 4, 4)]))).toEqual(['panels "a" and "b" overlap; move one of them']);
    expect(messages(draft([panel('a', 0, 0, 4, 4), panel('b', 4, 0, 4, 4)]))).toEqual([]);
    expect(messages(draft([panel('a', 0, 0, 2, 2), panel('a', 4, 0, 2, 2)]))).toContain('two panels share the id "a"');
  });

  it('checks options per kind: device kinds, known cameras, ranges, no stray keys', () => {
    expect(messages(draft([panel('c', 0, 0, 6, 4, 'cranes', { devices: ['hoist-1'] })]))[0]).toBe('device "hoist-1" is a hoist, not a crane');
    expect(messages(draft([panel('c', 0, 0, 6, 4, 'environment', { devices: ['dust-9'] })]))[0]).toBe('no device "dust-9" on this site');
    expect(messages(draft([panel('v', 0, 0, 6, 4, 'cameras', { cameras: ['cam-1', 'cam-7'] })]))[0]).toBe('no camera "cam-7" on this site');
    expect(messages(draft([panel('v', 0, 0, 6, 4, 'cameras', { columns: 9 })]))[0]).toBe('a camera grid has 1–4 columns');
    expect(messages(draft([panel('l', 0, 0, 6, 4, 'alarms', { maxRows: 0 })]))[0]).toBe('an alarm list shows 1–50 rows');
    expect(messages(draft([panel('h', 0, 0, 6, 4, 'headcount', { devices: ['crane-1'] })]))[0]).toBe('a headcount panel has no option "devices"');
    expect(messages(draft([panel('c', 0, 0, 6, 4, 'cranes', { devices: ['crane-1'] }), panel('v', 6, 0, 6, 4, 'cameras', { cameras: ['cam-2'], columns: 2 })]))).toEqual([]);
  });

  it('refuses bad names, empty titles and grids out of range', () => {
    expect(messages(draft([], { name: 'Main Wall' }))[0]).toMatch(/lower-case letters, digits or dashes/);
    expect(messages(draft([], { name: '../x' }))[0]).toMatch(/lower-case/);
    expect(messages(draft([], { title: '  ' }))[0]).toMatch(/title/);
    expect(messages(draft([], { columns: 2 }))[0]).toMatch(/4–48 columns/);
    expect(messages(draft([], { rows: 100 }))[0]).toMatch(/3–32 rows/);
  });

  it('any layout the free-spot search builds is valid (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ w: fc.integer({ min: 1, max: 12 }), h: fc.integer({ min: 1, max: 8 }), kind: fc.constantFrom(...PANEL_KINDS) }), { maxLength: 30 }), (wanted) => {
        const panels: PanelPlacement[] = [];
        for (const [i, want] of wanted.entries()) {
          const spot = findFreeSpot(panels, 24, 12, want.w, want.h);
          if (spot) panels.push(panel(`p${i}`, spot.x, spot.y, want.w, want.h, want.kind));
        }
        expect(overlappingPairs(panels)).toEqual([]);
        expect(screenProblems(draft(panels), site)).toEqual([]);
      }),
    );
    expect(findFreeSpot([panel('all', 0, 0, 24, 12)], 24, 12, 1, 1)).toBeNull();
  });
});

describe("today's trend is the site's day", () => {
  it('starts at midnight in the site time zone, also just after midnight there', () => {
    // 2026-03-01 16:30 UTC is 00:30 on 2 March in Shanghai: the day began at 16:00 UTC.
    expect(new Date(siteDayStart(Date.UTC(2026, 2, 1, 16, 30, 5, 250), 'Asia/Shanghai')).toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(new Date(siteDayStart(Date.UTC(2026, 2, 1, 15, 59, 59), 'Asia/Shanghai')).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(new Date(siteDayStart(Date.UTC(2026, 2, 1, 0, 0, 0), 'UTC')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });
});
