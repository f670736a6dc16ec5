import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../../electron/common/alarms.js';
import type { SiteEntry } from '../../../electron/common/api.js';
import type { DeviceView } from '../../../electron/common/site.js';
import { groupSites } from '../../../electron/core/federation/group-sites.js';
import { summarizeSiteStatus, worstPriority } from '../../../electron/core/federation/site-status.js';

const alarm = (priority: Alarm['priority'], state: Alarm['state'], extra: Partial<Alarm> = {}): Alarm =>
  ({ id: `${priority}-${state}`, priority, state, shelved: null, suppressed: null, outOfService: null, ...extra }) as Alarm;
const dust = (id: string, pm10: unknown, status: DeviceView['status'] = 'online'): DeviceView =>
  ({ id, kind: 'dust', name: id, status, lastSeen: 1, expectedIntervalS: 5, lastValues: { pm10 }, badPayloads: 0 }) as DeviceView;

describe('summarizeSiteStatus', () => {
  it('counts annunciated alarms by priority and the unacknowledged ones', () => {
    const live = summarizeSiteStatus({
      alarms: [
        alarm('critical', 'unack-active'),
        alarm('high', 'ack-active'),
        alarm('high', 'unack-rtn'),
        alarm('low', 'normal'),
        alarm('medium', 'unack-active', { shelved: { by: 'a', reason: 'r', at: 0, until: 1 } }),
        alarm('medium', 'ack-active', { suppressed: { reason: 'crane out of service', at: 0 } }),
      ],
      devices: [],
      workersOnSite: 12,
      now: 1000,
    });
    expect(live).toEqual({ alarmsByPriority: { critical: 1, high: 2, medium: 0, low: 0 }, unackedAlarms: 2, workersOnSite: 12, pm10UgM3: null, readAt: 1000 });
    expect(worstPriority(live)).toBe('critical');
  });

  it('takes the highest PM10 over dust monitors that are not offline, ignoring non-numbers', () => {
    const live = summarizeSiteStatus({
      alarms: [],
      devices: [dust('d1', 80), dust('d2', 120.5), dust('d3', 300, 'offline'), dust('d4', 'n/a'), dust('d5', Number.NaN), { ...dust('c', 999), kind: 'crane' }],
      workersOnSite: 0,
      now: 0,
    });
    expect(live.pm10UgM3).toBe(120.5);
    expect(worstPriority(live)).toBeNull();
    expect(worstPriority(null)).toBeNull();
  });
});

describe('groupSites', () => {
  const entry = (id: string, enterprise: string, self = false): SiteEntry => ({ id, name: id, enterprise, latDeg: 0, lonDeg: 0, self, status: 'ok', live: null, checkedAt: null });

  it('groups by enterprise in file order, with this site’s enterprise first', () => {
    const reply = groupSites('Authority', [entry('p1', 'E1'), entry('p2', 'E2', true), entry('p3', 'E1'), entry('p4', 'E3'), entry('p5', 'E2')]);
    expect(reply.authority).toBe('Authority');
    expect(reply.enterprises.map((e) => [e.name, e.projects.map((p) => p.id)])).toEqual([
      ['E2', ['p2', 'p5']],
      ['E1', ['p1', 'p3']],
      ['E3', ['p4']],
    ]);
  });

  it('gives null for a missing authority and an empty tree for no projects', () => {
    expect(groupSites(undefined, [])).toEqual({ authority: null, enterprises: [] });
  });
});
