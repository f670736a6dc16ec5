import './strings.js';
import './statistics.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAT_SECTIONS, type StatSection } from '../../../../electron/common/statistics.js';
import type { ViewProps } from '../view-props.js';
import { FigureCard, type DrillTarget } from './FigureCard.js';
import { parsePeriodParam, periodParam, periodRequest, type PeriodChoice } from './period.js';
import { PeriodPicker } from './PeriodPicker.js';
import { ProgressPanel } from '../progress/panels/ProgressPanel.js';
import { QualityPanel } from '../quality/panels/QualityPanel.js';
import { RecordsPanel } from './RecordsPanel.js';

/** Sections drawn by other areas' panels (they read their own figures; their views hold the detail). */
const AREA_PANELS = [
  ['progress', ProgressPanel, '#/progress'],
  ['quality', QualityPanel, '#/quality'],
] as const;

/**
 * `#/statistics[/PERIOD]`: what happened today, this week, this month: safety, environment,
 * equipment and workforce figures, each chart exportable and each bar leading to its records.
 */
export function StatisticsView(props: ViewProps) {
  const { client, timeZone, param } = props;
  const { t } = useTranslation();
  const choice = parsePeriodParam(param);
  const choiceKey = periodParam(choice);
  const period = useMemo(() => periodRequest(parsePeriodParam(choiceKey)), [choiceKey]);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const choose = (next: PeriodChoice) => {
    setDrill(null);
    window.location.hash = `#/statistics/${periodParam(next)}`;
  };
  return (
    <main className="statistics-view" data-testid="statistics-view">
      <header className="stat-head">
        <h2>{t('statistics.title')}</h2>
        <PeriodPicker value={choice} onChange={choose} />
        <span className="stat-dim">{t('statistics.drillHint')}</span>
      </header>
      {drill && <RecordsPanel key={`${choiceKey}|${drill.figure}|${drill.row}|${drill.column ?? ''}`} client={client} period={period} target={drill} timeZone={timeZone} onClose={() => setDrill(null)} />}
      {(Object.keys(STAT_SECTIONS) as StatSection[]).map((section) => (
        <section key={section} className="stat-section" data-testid={`stat-section-${section}`}>
          <h2>{t(`statistics.section.${section}`)}</h2>
          <div className="stat-grid">
            {STAT_SECTIONS[section].map((figure) => (
              <FigureCard key={figure} client={client} figure={figure} period={period} onDrill={setDrill} />
            ))}
          </div>
        </section>
      ))}
      {AREA_PANELS.map(([area, Panel, href]) => (
        <section key={area} className="stat-section" data-testid={`stat-section-${area}`}>
          <h2>
            <a href={href}>{t(`statistics.section.${area}`)}</a>
          </h2>
          <div className="stat-area-panel">
            <Panel {...props} param={null} />
          </div>
        </section>
      ))}
    </main>
  );
}
