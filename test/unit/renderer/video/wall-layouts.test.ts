import { describe, expect, it } from 'vitest';
import { clampTour, defaultLayout, loadWallSettings, saveWallSettings, screenName, tileCameras, type SettingsStore, type WallSettings } from '../../../../renderer/src/views/cameras/layouts.js';

function memoryStorage(): SettingsStore {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

const fourK = { width: 3840, height: 2160 };
const desk = { width: 1920, height: 1080 };

describe('wall settings per screen', () => {
  it('names a screen from the URL or its size', () => {
    expect(screenName('wall-left', desk)).toBe('wall-left');
    expect(screenName(null, fourK)).toBe('screen-3840x2160');
    expect(screenName('../evil key', desk)).toBe('screen-1920x1080');
  });

  it('defaults by screen size and remembers each screen separately', () => {
    const storage = memoryStorage();
    expect(loadWallSettings(storage, 'a', fourK).layout).toBe('3x3');
    expect(loadWallSettings(storage, 'b', desk).layout).toBe('2x2');
    expect(defaultLayout({ width: 1024, height: 768 })).toBe('1');
    saveWallSettings(storage, 'a', { layout: '1+5', tiles: ['c1', null], tourSec: 30 });
    expect(loadWallSettings(storage, 'a', fourK)).toEqual({ layout: '1+5', tiles: ['c1', null], tourSec: 30 });
    expect(loadWallSettings(storage, 'b', desk).layout).toBe('2x2');
  });

  it('survives damaged storage', () => {
    const storage = memoryStorage();
    storage.setItem('site-command.wall.x', '{not json');
    expect(loadWallSettings(storage, 'x', desk).layout).toBe('2x2');
    storage.setItem('site-command.wall.x', JSON.stringify({ layout: '7x7', tiles: [1, 'c2'], tourSec: 1 }));
    expect(loadWallSettings(storage, 'x', desk)).toEqual({ layout: '2x2', tiles: [null, 'c2'], tourSec: 5 });
    expect(clampTour(Number.NaN)).toBe(15);
    expect(clampTour(10_000)).toBe(600);
  });
});

describe('tileCameras', () => {
  const ids = ['c1', 'c2', 'c3', 'c4', 'c5'];
  const settings = (over: Partial<WallSettings>): WallSettings => ({ layout: '2x2', tiles: [], tourSec: 15, ...over });

  it('fills tiles in site order, keeps assignments, and leaves an emptied tile empty', () => {
    expect(tileCameras(settings({}), ids, null)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(tileCameras(settings({ tiles: ['c5', null] }), ids, null)).toEqual(['c5', null, 'c1', 'c2']);
    expect(tileCameras(settings({ layout: '1+5' }), ids, null)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', null]);
  });

  it('replaces a camera that left the site file', () => {
    expect(tileCameras(settings({ tiles: ['gone', 'c1'] }), ids, null)).toEqual(['c2', 'c1', 'c3', 'c4']);
  });

  it('steps through all cameras a page at a time in tour mode', () => {
    expect(tileCameras(settings({ layout: '1' }), ids, 0)).toEqual(['c1']);
    expect(tileCameras(settings({ layout: '1' }), ids, 6)).toEqual(['c2']);
    expect(tileCameras(settings({}), ids, 1)).toEqual(['c5', 'c1', 'c2', 'c3']);
    expect(tileCameras(settings({ layout: '3x3' }), ids, 1)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', null, null, null, null]);
  });
});
