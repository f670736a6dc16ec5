import './strings.js';
import './statistics.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAT_SECTIONS, type StatSection } from '../../../../electron/common/statistics.js';
import type { ViewProps } from '../view-props.js';
import { FigureCard, type DrillTarget } from './FigureCard.js';
import { parsePeriodParam, periodParam, periodRequest, type PeriodChoice } from './period.js';
import { PeriodPicker } from './PeriodPicker.js';
import { RecordsPanel } from './RecordsPanel.js';

/** Sections other areas fill at merge (their panels go into these slots). */
const SLOTS = ['progress', 'quality'] as const;

/**
 * `#/statistics[/PERIOD]`: what happened today, this week, this month: safety, environment,
 * equipment and workforce figures, each chart exportable and each bar leading to its records.
 */
export function StatisticsView({ client, timeZone, param }: ViewProps) {
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
      {SLOTS.map((slot) => (
        <section key={slot} className="stat-section stat-slot" data-testid={`stat-section-${slot}`}>
          <h2>{t(`statistics.section.${slot}`)}</h2>
          <p className="stat-dim">{t('statistics.slot', { area: t(`statistics.section.${slot}`) })}</p>
        </section>
      ))}
    </main>
  );
}
