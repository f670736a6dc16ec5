import { useMemo } from 'react';
import type { AuthoritySiteRow, SiteStatus } from '../../../../electron/common/api/authority.js';
import { STATUS_MARK, STATUS_ORDER, STATUS_ZH } from './format.js';

/**
 * All sites at a glance as a 2D plot of lon/lat (equirectangular, x scaled by cos(latitude)) with
 * markers clustered on a screen grid, coloured and shaped by the worst status in the cluster.
 *
 * Why not the site console's Cesium globe: it needs imagery/terrain tiles that an offline
 * supervision network does not have, and one 3D scene for hundreds of sites costs a GPU a wall
 * screen may lack; what the authority reads here is where the problems cluster, which a flat plot
 * of a city's extent shows as well. The site's own 3D/GIS views remain one drill-down away.
 */
const W = 760;
const H = 520;
const PAD = 36;
const CELL = 44;

interface Cluster {
  x: number;
  y: number;
  sites: AuthoritySiteRow[];
  status: SiteStatus;
}

function worst(sites: AuthoritySiteRow[]): SiteStatus {
  return STATUS_ORDER.find((s) => sites.some((x) => x.status === s)) ?? 'normal';
}

export function SiteMap({ sites, onOpen }: { sites: AuthoritySiteRow[]; onOpen: (id: string) => void }) {
  const clusters = useMemo(() => {
    const placed = sites.filter((s) => s.lon !== null && s.lat !== null);
    if (placed.length === 0) return [];
    const lons = placed.map((s) => s.lon!);
    const lats = placed.map((s) => s.lat!);
    const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const spanX = Math.max((maxLon - minLon) * k, 1e-4);
    const spanY = Math.max(maxLat - minLat, 1e-4);
    const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
    const ox = (W - spanX * scale) / 2;
    const oy = (H - spanY * scale) / 2;
    const cells = new Map<string, AuthoritySiteRow[]>();
    const pos = new Map<string, { x: number; y: number }>();
    for (const s of placed) {
      const x = ox + (s.lon! - minLon) * k * scale;
      const y = H - (oy + (s.lat! - minLat) * scale);
      pos.set(s.id, { x, y });
      const key = `${Math.floor(x / CELL)}:${Math.floor(y / CELL)}`;
      cells.set(key, [...(cells.get(key) ?? []), s]);
    }
    return [...cells.values()].map((members): Cluster => {
      const xs = members.map((m) => pos.get(m.id)!);
      return { x: xs.reduce((a, p) => a + p.x, 0) / xs.length, y: xs.reduce((a, p) => a + p.y, 0) / xs.length, sites: members, status: worst(members) };
    });
  }, [sites]);
  const unplaced = sites.filter((s) => s.lon === null || s.lat === null).length;

  return (
    <figure className="au-map" data-testid="au-map">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="工地分布图">
        <rect x="0" y="0" width={W} height={H} className="au-map-bg" />
        {[1, 2, 3].map((i) => (
          <g key={i} className="au-map-grid">
            <line x1={(W * i) / 4} y1="0" x2={(W * i) / 4} y2={H} />
            <line x1="0" y1={(H * i) / 4} x2={W} y2={(H * i) / 4} />
          </g>
        ))}
        {clusters.map((c) => {
          const one = c.sites.length === 1 ? c.sites[0]! : null;
          const r = one ? 9 : Math.min(26, 12 + Math.sqrt(c.sites.length) * 3);
          return (
            <g
              key={c.sites.map((s) => s.id).join(',')}
              className={`au-marker au-${c.status}`}
              transform={`translate(${c.x.toFixed(1)},${c.y.toFixed(1)})`}
              onClick={() => onOpen(c.sites.slice().sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status))[0]!.id)}
              data-testid={one ? `au-marker-${one.id}` : 'au-cluster'}
              role="button"
            >
              <title>{c.sites.map((s) => `${s.name}（${STATUS_ZH[s.status]}）`).join('\n')}</title>
              {c.status === 'critical' ? <rect x={-r} y={-r} width={2 * r} height={2 * r} transform="rotate(45)" /> : c.status === 'warning' ? <polygon points={`0,${-r * 1.2} ${r * 1.1},${r * 0.8} ${-r * 1.1},${r * 0.8}`} /> : <circle r={r} />}
              {!one && (
                <text textAnchor="middle" dy="0.35em">
                  {c.sites.length}
                </text>
              )}
            </g>
          );
        })}
      </svg>
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
