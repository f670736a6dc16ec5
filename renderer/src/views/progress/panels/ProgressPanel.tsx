import '../strings.js';
import '../progress.css';
import { useTranslation } from 'react-i18next';
import type { ViewProps } from '../../view-props.js';
import { DelayBadge } from '../DelayBadge.js';
import { useProgress } from '../use-progress.js';

/**
 * Wall panel: each building's floors done against due and its delay (shape, word and days, so it
 * reads without colour at 3 m), and the project's delay. Self-contained: reads its own data.
 */
export function ProgressPanel({ client }: ViewProps) {
  const { t } = useTranslation();
  const { overview, error } = useProgress(client);
  return (
    <section className="progress-panel" data-testid="progress-panel">
      <h3>{t('progress.panelTitle')}</h3>
      {!overview && <p className="hint">{error ? t('progress.error', { message: error }) : t('progress.loading')}</p>}
      {overview && (
        <ul>
          {overview.buildings.map((b) => (
            <li key={b.id} data-testid={`progress-panel-${b.id}`}>
              <span>
                {b.name} <span className="dim">{b.completedFloors}/{b.plannedFloors}</span>
              </span>
              <DelayBadge band={b.band} days={b.delayDays} />
            </li>
          ))}
          <li className="progress-panel-total">
            <span>{t('progress.projectDelay')}</span>
            <DelayBadge band={overview.projectBand} days={overview.projectDelayDays} />
          </li>
        </ul>
      )}
    </section>
  );
}
