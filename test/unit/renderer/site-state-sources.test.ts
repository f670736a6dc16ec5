import { describe, expect, it } from 'vitest';
import type { SiteSummary, SourceStatus } from '../../../electron/common/site.js';
import { LiveHub } from '../../../electron/core/pipeline/live-hub.js';
import { SiteState } from '../../../renderer/src/state/site-state.js';

const hj212 = (devices: number): SourceStatus => ({ id: 'hj212', label: 'HJ 212 listener', state: 'connected', since: 1000, detail: `${devices} monitors connected`, devices });
const summary = (sources: SourceStatus[]): SiteSummary => ({ id: 'demo', name: 'Demo', timeZone: 'Asia/Shanghai', configProblems: [], sources, unknownDevices: [], simulated: true, workersOnSite: 0 });

describe('source statuses on the page and on the live socket', () => {
  it('a site snapshot answered before a change but arriving after the socket went live does not undo it', () => {
    const state = new SiteState();
    state.loadSite(summary([hj212(0)]));
    state.link.set('live');
    state.apply({ type: 'source', source: hj212(1) });
    state.loadSite(summary([hj212(0)])); // the slow first snapshot
    expect(state.sources.get('hj212')?.devices).toBe(1);
  });

  it('before the socket is live the snapshot is what the page shows', () => {
    const state = new SiteState();
    state.loadSite(summary([hj212(2)]));
    expect(state.sources.get('hj212')?.devices).toBe(2);
  });

  it('a socket that joins later is sent each source\'s latest status', () => {
    const hub = new LiveHub();
    expect(hub.opening()).toEqual([]);
    hub.publish({ type: 'source', source: hj212(0) });
    hub.publish({ type: 'source', source: { ...hj212(0), id: 'mqtt', label: 'MQTT' } });
    hub.publish({ type: 'source', source: hj212(1) });
    expect(hub.opening()).toEqual([
      { type: 'source', source: hj212(1) },
      { type: 'source', source: { ...hj212(0), id: 'mqtt', label: 'MQTT' } },
    ]);
  });
});
