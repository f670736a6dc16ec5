import '../strings.js';
import '../statistics.css';
import { useTranslation } from 'react-i18next';
import type { ViewProps } from '../../view-props.js';
import { useFigure } from '../use-figure.js';
import { Kpi } from './Kpi.js';

const TODAY = { period: 'day' as const };

/** Wall panel: today's dust means against the preset's daily limits, and hours over the limits. */
export function EnvironmentTodayPanel({ client }: ViewProps) {
  const { t } = useTranslation();
  const result = useFigure(client, 'dust-daily', TODAY, 60_000);
  const table = result.state === 'ready' ? result.table : null;
  const today = table?.rows[0]?.values;
  const limit = (key: string) => table?.limits?.[key];
  const over = (key: string) => typeof today?.[key] === 'number' && limit(key) !== undefined && today[key]! > limit(key)!;
  return (
    <div className="stat-panel" data-testid="panel-stat-environment">
      <h3>{t('statistics.panel.environment')}</h3>
      <div className="stat-kpis">
        {(['pm10', 'pm25', 'tsp'] as const).map((key) => (
          <Kpi key={key} label={`${key.toUpperCase().replace('PM25', 'PM2.5')} (${t('statistics.panel.limit')} ${limit(key) ?? '—'})`} value={today?.[key]} unit="µg/m³" over={over(key)} />
        ))}
        <Kpi label={`${t('statistics.panel.noiseDay')} Leq`} value={today?.noise} unit="dB(A)" />
        <Kpi label={`${t('statistics.panel.noiseNight')} Leq`} value={today?.noiseNight} unit="dB(A)" />
        <Kpi label={t('statistics.panel.hoursOver')} value={today ? (today.dustHoursOver ?? 0) + (today.noiseHoursOver ?? 0) : null} over={!!today && (today.dustHoursOver ?? 0) + (today.noiseHoursOver ?? 0) > 0} />
      </div>
    </div>
  );
}
