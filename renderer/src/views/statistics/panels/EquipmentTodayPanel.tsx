import '../strings.js';
import '../statistics.css';
import { useTranslation } from 'react-i18next';
import type { ViewProps } from '../../view-props.js';
import { useFigure } from '../use-figure.js';
import { Kpi } from './Kpi.js';

const TODAY = { period: 'day' as const };

/** Wall panel: today's crane lifts and overloads, and hoist trips. */
export function EquipmentTodayPanel({ client }: ViewProps) {
  const { t } = useTranslation();
  const cranes = useFigure(client, 'crane-use', TODAY, 60_000);
  const hoists = useFigure(client, 'hoist-use', TODAY, 60_000);
  const c = cranes.state === 'ready' ? cranes.table.totals : null;
  const h = hoists.state === 'ready' ? hoists.table.totals : null;
  const overloads = c && h ? (c.overloads ?? 0) + (h.overloads ?? 0) : null;
  return (
    <div className="stat-panel" data-testid="panel-stat-equipment">
      <h3>{t('statistics.panel.equipment')}</h3>
      <div className="stat-kpis">
        <Kpi label={t('statistics.panel.lifts')} value={c?.lifts} />
        <Kpi label={t('statistics.panel.overloads')} value={overloads} over={(overloads ?? 0) > 0} />
        <Kpi label={t('statistics.panel.trips')} value={h?.trips} />
      </div>
    </div>
  );
}
