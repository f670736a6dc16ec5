import { useEffect, useRef } from 'react';
import type { AuthoritySiteRow } from '../../../../electron/common/api/authority.js';
import { TEST_HOOKS } from '../../app/test-hooks.js';
import { SitesGlobe, type GlobeMarker } from './sites-globe.js';
import { STATUS_MARK, STATUS_ORDER, STATUS_ZH } from './format.js';

declare global {
  interface Window {
    /** e2e hook (test builds only): the markers the authority map draws now. */
    __authorityMap?: { markers(): GlobeMarker[] };
  }
}

/**
 * All sites at a glance on the offline Cesium globe (the site console's GIS stack: bundled imagery,
 * no ion, a LAN tile server when configured), markers clustered on the screen and coloured and
 * shaped by the worst status in the cluster (sites-globe.ts). A click opens the site (a cluster: its
 * worst site); the wheel zooms into a cluster to split it.
 */
export function SiteMap({ sites, onOpen }: { sites: AuthoritySiteRow[]; onOpen: (id: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const globe = useRef<SitesGlobe | null>(null);
  const open = useRef(onOpen);
  useEffect(() => {
    open.current = onOpen;
  }, [onOpen]);

  useEffect(() => {
    const g = new SitesGlobe(box.current!, (id) => open.current(id));
    globe.current = g;
    if (TEST_HOOKS) window.__authorityMap = { markers: () => g.markers() };
    return () => {
      if (TEST_HOOKS && window.__authorityMap) delete window.__authorityMap;
      g.destroy();
      globe.current = null;
    };
  }, []);

  useEffect(() => {
    globe.current?.setSites(sites);
  }, [sites]);

  const unplaced = sites.filter((s) => s.lon === null || s.lat === null).length;
  return (
    <figure className="au-map" data-testid="au-map">
      <div ref={box} className="au-globe" role="img" aria-label="工地分布图" />
      <figcaption className="au-legend">
        {STATUS_ORDER.map((s) => (
          <span key={s} className={`au-${s}`}>
            {STATUS_MARK[s]} {STATUS_ZH[s]}
          </span>
        ))}
        {unplaced > 0 && <span>（{unplaced} 个工地无坐标）</span>}
      </figcaption>
    </figure>
  );
}
