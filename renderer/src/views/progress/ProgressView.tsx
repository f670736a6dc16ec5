import './strings.js';
import './progress.css';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PROGRESS_EDITORS } from '../../../../electron/common/api.js';
import { progressCurveOption } from '../../../../electron/common/charts/progress-curve.js';
import type { BuildingProgress, ProgressOverview } from '../../../../electron/common/progress.js';
import { EChart } from '../../charts/EChart.js';
import type { ViewProps } from '../view-props.js';
import { ChangeLog } from './ChangeLog.js';
import { CompletionForm } from './CompletionForm.js';
import { DelayBadge, DelayLegend } from './DelayBadge.js';
import { FloorsTable } from './FloorsTable.js';
import { MilestonesPanel } from './MilestonesPanel.js';
import { useProgress } from './use-progress.js';

/**
 * `#/progress[/BUILDING]`: construction progress (工程进度). The project's delay, then per building
 * the planned-versus-actual curve, its floors with planned and actual days and delays, its
 * milestones and the change log. The project's admin and manager enter schedules and completions;
 * everyone else reads.
 */
export function ProgressView({ client, session, timeZone, param }: ViewProps) {
  const { t } = useTranslation();
  const { overview, error, set } = useProgress(client);
  const editable = PROGRESS_EDITORS.includes(session.role);
  if (error && !overview) return <main className="progress-view">{<p className="banner banner-error">{t('progress.error', { message: error })}</p>}</main>;
  if (!overview) return <main className="progress-view loading">{t('progress.loading')}</main>;
  const building = overview.buildings.find((b) => b.id === param) ?? overview.buildings[0];
  return (
    <main className="progress-view" data-testid="progress-view">
      <header className="progress-header">
        <h2>{t('progress.title')}</h2>
        <span className="dim">{t('progress.asOf', { day: overview.asOf })}</span>
        {overview.projectStart && <span className="dim">{t('progress.projectStart', { day: overview.projectStart })}</span>}
        <span>
          {t('progress.projectDelay')} <DelayBadge band={overview.projectBand} days={overview.projectDelayDays} testId="progress-project-delay" />
        </span>
        <DelayLegend />
      </header>
      {overview.buildings.length === 0 && <p className="hint">{t('progress.noBuildings')}</p>}
      <nav className="progress-buildings" aria-label={t('progress.title')}>
        {overview.buildings.map((b) => (
          <a key={b.id} href={`#/progress/${b.id}`} className={b.id === building?.id ? 'active' : ''} data-testid={`progress-building-${b.id}`}>
            <strong>{b.name}</strong>
            <DelayBadge band={b.band} days={b.delayDays} testId={`progress-building-${b.id}-delay`} />
          </a>
        ))}
      </nav>
      {!editable && <p className="hint">{t('progress.readOnly')}</p>}
      {building && <BuildingDetail key={building.id} {...{ client, building, overview, editable, timeZone, onSaved: set }} />}
    </main>
  );
}

function BuildingDetail({ client, building, overview, editable, timeZone, onSaved }: { client: ViewProps['client']; building: BuildingProgress; overview: ProgressOverview; editable: boolean; timeZone: string; onSaved: (o: ProgressOverview) => void }) {
  const { t, i18n } = useTranslation();
  const option = useMemo(
    () =>
      progressCurveOption({
        buildings: [building],
        asOf: overview.asOf,
        surface: 'wall',
        words: { floors: t('progress.floorsAxis'), planned: t('progress.planned'), actual: t('progress.actual'), today: t('progress.today') },
      }),
    // i18n.language: the words change with the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [building, overview.asOf, i18n.language],
  );
  return (
    <div className="progress-detail">
      <section className="panel progress-curve">
        <h3>
          {building.name} · {t('progress.curve')}
        </h3>
        <p className="hint" data-testid="progress-building-summary">
          {t('progress.floorsDone', { completed: building.completedFloors, planned: building.plannedFloors, due: building.dueFloors })} ·{' '}
          <DelayBadge band={building.band} days={building.delayDays} testId="progress-detail-delay" />
        </p>
        <EChart option={option} label={t('progress.curve')} testId="progress-curve" className="progress-chart" />
        {editable && <CompletionForm key={overview.asOf} client={client} building={building} timeZone={timeZone} today={overview.asOf} onSaved={onSaved} />}
      </section>
      <FloorsTable client={client} building={building} editable={editable} onSaved={onSaved} />
      <div className="progress-side">
        <MilestonesPanel client={client} building={building} editable={editable} onSaved={onSaved} />
        <ChangeLog client={client} buildingId={building.id} overview={overview} timeZone={timeZone} />
      </div>
    </div>
  );
}
