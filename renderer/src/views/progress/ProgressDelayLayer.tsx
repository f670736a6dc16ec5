import './strings.js';
import './progress.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProgressDelayExtension, type BuildingDelay } from '../../scene/extensions/progress-delay.js';
import type { SiteRenderer } from '../../scene/site-renderer.js';
import type { ApiClient } from '../../transport/api-client.js';
import { DelayLegend } from './DelayBadge.js';
import { useProgress } from './use-progress.js';

const STORAGE_KEY = 'site3d.layer.progress';

function storedOn(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

/**
 * The 3D view's progress layer: a toggle (remembered on this screen) and, while on, the buildings
 * coloured by delay (scene/extensions/progress-delay.ts) with the bands' legend.
 */
export function ProgressDelayLayer({ client, renderer }: { client: ApiClient; renderer: SiteRenderer | null }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(storedOn);
  const { overview } = useProgress(client);

  useEffect(() => {
    if (!renderer) return;
    if (!on || !overview) {
      renderer.setOverlay('progress', null);
      return;
    }
    const delays = new Map<string, BuildingDelay>(
      overview.buildings.map((b) => [
        b.id,
        { band: b.band, delayDays: b.delayDays, completedFloors: b.completedFloors, text: b.delayDays > 0 ? `${t(`progress.band.${b.band}`)} ${t('progress.days', { count: b.delayDays })}` : t(`progress.band.${b.band}`) },
      ]),
    );
    renderer.setOverlay('progress', (ctx) => new ProgressDelayExtension(ctx, delays));
  }, [renderer, on, overview, t]);

  const toggle = () => {
    const next = !on;
    setOn(next);
    try {
      localStorage.setItem(STORAGE_KEY, next ? 'on' : 'off');
    } catch {
      // A screen without storage forgets the choice; the layer still works.
    }
  };

  return (
    <span className="progress-layer">
      <label title={t('progress.layerHint')}>
        <input type="checkbox" checked={on} onChange={toggle} data-testid="site3d-layer-progress" /> {t('progress.layer')}
      </label>
      {on && <DelayLegend />}
    </span>
  );
}
