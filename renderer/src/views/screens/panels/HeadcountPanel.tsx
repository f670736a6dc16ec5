import { useTranslation } from 'react-i18next';
import { useValue } from '../../../state/site-state-hooks.js';
import type { PanelProps } from './panel-props.js';

/** Who is on site now (real-name gates, the live `headcount` event): total, workers and managers, the largest trades. */
export function HeadcountPanel({ state }: PanelProps) {
  const { t } = useTranslation();
  const headcount = useValue(state.headcount);
  const total = useValue(state.workersOnSite);
  const trades = (headcount?.byTrade ?? []).slice().sort((a, b) => b.workers + b.managers - (a.workers + a.managers)).slice(0, 4);
  return (
    <div className="wall-headcount">
      <p className="wall-big" data-testid="wall-headcount-total">
        <span className="wall-big-number">{headcount?.total ?? total}</span> <span className="wall-big-unit">{t('wall.people')}</span>
      </p>
      {headcount && (
        <p className="wall-sub">
          {t('wall.workersManagers', { workers: headcount.workers, managers: headcount.managers })}
        </p>
      )}
      {trades.length > 0 && (
        <ul className="wall-groups">
          {trades.map((g) => (
            <li key={g.key}>
              <span>{g.label}</span> <strong>{g.workers + g.managers}</strong>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
