import { describe, expect, it } from 'vitest';
import type { SitesReply } from '../../../electron/common/api.js';
import { findSite, flattenSites, PRIORITY_SHAPE, sitesBounds, worstPriority } from '../../../renderer/src/gis/sites-tree.js';
import { PRIORITY_SHAPE as ALARM_LIST_SHAPES } from '../../../renderer/src/views/alarms/alarm-format.js';

const reply: SitesReply = {
  authority: 'A',
  enterprises: [
    { name: 'E1', projects: [{ id: 'a', name: 'a', enterprise: 'E1', latDeg: 30.5, lonDeg: 114.2, self: true, status: 'ok', live: null, checkedAt: null }] },
    { name: 'E2', projects: [{ id: 'b', name: 'b', enterprise: 'E2', latDeg: 30.6, lonDeg: 114.4, self: false, status: 'not-configured', live: null, checkedAt: null }] },
  ],
};

describe('sites tree helpers', () => {
  it('flattens and finds projects', () => {
    expect(flattenSites(reply).map((p) => p.id)).toEqual(['a', 'b']);
    expect(findSite(reply, 'b')?.enterprise).toBe('E2');
    expect(findSite(reply, 'zz')).toBeNull();
    expect(findSite(null, 'a')).toBeNull();
  });

  it('pads the bounds around the projects, and gives one project a minimum span', () => {
    const box = sitesBounds(flattenSites(reply))!;
    expect(box.west).toBeCloseTo(114.15);
    expect(box.east).toBeCloseTo(114.45);
    expect(box.south).toBeCloseTo(30.475);
    expect(box.north).toBeCloseTo(30.625);
    const one = sitesBounds([{ latDeg: 10, lonDeg: 20 }], 0.1)!;
    expect(one.east - one.west).toBeCloseTo(0.1);
    expect(one.north - one.south).toBeCloseTo(0.1);
    expect(sitesBounds([])).toBeNull();
  });

  it('names the worst priority and gives each a distinct shape', () => {
    expect(worstPriority({ alarmsByPriority: { critical: 0, high: 0, medium: 2, low: 5 }, unackedAlarms: 0, workersOnSite: 0, pm10UgM3: null, readAt: 0 })).toBe('medium');
    expect(new Set(Object.values(PRIORITY_SHAPE)).size).toBe(4);
    // The map and sites panel use the alarm banner's and list's shapes (they had drifted apart).
    expect(PRIORITY_SHAPE).toBe(ALARM_LIST_SHAPES);
    expect(PRIORITY_SHAPE.critical).toBe('▲');
  });
});
