import { describe, expect, it } from 'vitest';
import { SiteModelVersion } from '../../../renderer/src/state/site-model-version.js';

describe('when the 3D and GIS views fetch the site model again', () => {
  it('on the core’s siteModelChanged, on dropped events and on a reconnection; not on the first ready or on readings', () => {
    const version = new SiteModelVersion();
    const seen: number[] = [];
    version.subscribe(() => seen.push(version.get()));

    // Opening the link: the views fetched the model on mount already.
    version.note({ type: 'ready' });
    version.note({ type: 'roster', onSite: 3 });
    expect(seen).toEqual([]);

    version.note({ type: 'siteModelChanged', deviceId: 'dust-1', fields: ['position'] });
    expect(seen).toEqual([1]);
    // Lost events may have held such a change.
    version.note({ type: 'dropped', count: 12 });
    expect(seen).toEqual([1, 2]);
    // The link came back: anything may have changed while it was down.
    version.note({ type: 'ready' });
    expect(seen).toEqual([1, 2, 3]);
  });
});
