import { useTranslation } from 'react-i18next';
import type { PanoramaPointView } from '../../../../electron/common/panorama/types.js';
import type { SiteModel } from '../../../../electron/common/site-model.js';
import { navigate } from '../../app/routes.js';

/** The site plan (boundary, buildings) with the capture points; the current one shows the view direction. */
export function Minimap({ model, points, current, bearingDeg }: { model: SiteModel | null; points: PanoramaPointView[]; current: string | null; bearingDeg: number }) {
  const { t } = useTranslation();
  const all = [...(model?.boundary ?? []), ...points.map((p) => p.position)];
  if (all.length === 0) return null;
  const minE = Math.min(...all.map((p) => p.e)) - 5;
  const maxE = Math.max(...all.map((p) => p.e)) + 5;
  const minN = Math.min(...all.map((p) => p.n)) - 5;
  const maxN = Math.max(...all.map((p) => p.n)) + 5;
  // SVG y grows down, north grows up: flip n.
  const pt = (p: { e: number; n: number }) => `${p.e},${-p.n}`;
  const here = points.find((p) => p.id === current);
  const rad = (bearingDeg * Math.PI) / 180;
  return (
    <svg className="pano-minimap" data-testid="pano-minimap" viewBox={`${minE} ${-maxN} ${maxE - minE} ${maxN - minN}`} role="img" aria-label={t('panorama.minimap')}>
      {model?.boundary && <polygon points={model.boundary.map(pt).join(' ')} className="pano-boundary" />}
      {model?.buildings.map((b) => <polygon key={b.id} points={b.footprint.map(pt).join(' ')} className="pano-building" />)}
      {here && <line x1={here.position.e} y1={-here.position.n} x2={here.position.e + Math.sin(rad) * 14} y2={-here.position.n - Math.cos(rad) * 14} className="pano-heading" />}
      {points.map((p) => (
        <g key={p.id} className={p.id === current ? 'pano-point current' : 'pano-point'} onClick={() => navigate('panoramas', p.id)} style={{ cursor: 'pointer' }}>
          <title>{t('panorama.goTo', { name: p.name })}</title>
          <circle cx={p.position.e} cy={-p.position.n} r={p.id === current ? 4 : 3} />
          <text x={p.position.e + 5} y={-p.position.n + 3}>
            {p.id}
          </text>
        </g>
      ))}
    </svg>
  );
}
