import '../strings.js';
import '../statistics.css';
import { useTranslation } from 'react-i18next';
import type { ViewProps } from '../../view-props.js';
import { useFigure } from '../use-figure.js';
import { Kpi } from './Kpi.js';

const TODAY = { period: 'day' as const };

/** Wall panel: today's alarms, how many were acknowledged and how fast (refreshed every minute). */
export function SafetyTodayPanel({ client }: ViewProps) {
  const { t } = useTranslation();
  const result = useFigure(client, 'alarm-response', TODAY, 60_000);
  const totals = result.state === 'ready' ? result.table.totals : null;
  return (
    <div className="stat-panel" data-testid="panel-stat-safety">
      <h3>{t('statistics.panel.safety')}</h3>
      <div className="stat-kpis">
        <Kpi label={t('statistics.panel.alarms')} value={totals?.raised} />
        <Kpi label={t('statistics.panel.unacked')} value={totals?.acked} />
        <Kpi label={t('statistics.panel.meanAck')} value={totals?.ackMeanS} unit="s" />
      </div>
    </div>
  );
}
