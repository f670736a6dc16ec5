import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { columnOfSeries, statFigureOption } from '../../../../electron/common/charts/stats-figure.js';
import type { StatFigureId, StatPeriodRequest } from '../../../../electron/common/statistics.js';
import { EChart } from '../../charts/EChart.js';
import type { ApiClient } from '../../transport/api-client.js';
import { saveExport } from './download.js';
import { useFigure } from './use-figure.js';

export interface DrillTarget {
  figure: StatFigureId;
  title: string;
  row: string;
  rowLabel: string;
  column: string | null;
}

/** One chart of the dashboard with its exports; clicking a bar asks for the records behind it. */
export function FigureCard({ client, figure, period, onDrill }: { client: ApiClient; figure: StatFigureId; period: StatPeriodRequest; onDrill: (target: DrillTarget) => void }) {
  const { t } = useTranslation();
  const result = useFigure(client, figure, period);
  const table = result.state === 'ready' ? result.table : null;
  const option = useMemo(() => (table ? statFigureOption(table, 'wall') : null), [table]);
  const exportAs = (format: 'csv' | 'xlsx') => void client.call('exportStatisticsFigure', { figure, ...period, format }).then(saveExport);
  const empty = table !== null && table.rows.length === 0;
  return (
    <section className="stat-card" data-testid={`stat-figure-${figure}`}>
      <header>
        <h3>{table?.title ?? figure}</h3>
        <div className="stat-card-actions">
          <button type="button" onClick={() => exportAs('csv')} data-testid={`stat-export-csv-${figure}`}>{t('statistics.exportCsv')}</button>
          <button type="button" onClick={() => exportAs('xlsx')} data-testid={`stat-export-xlsx-${figure}`}>{t('statistics.exportXlsx')}</button>
        </div>
      </header>
      {result.state === 'loading' && <p className="stat-dim">{t('statistics.loading')}</p>}
      {result.state === 'error' && <p className="stat-error" role="alert">{result.message}</p>}
      {empty && <p className="stat-dim">{t('statistics.noData')}</p>}
      {table && option && !empty && (
        <EChart
          option={option}
          label={table.title}
          className="stat-chart"
          testId={`stat-chart-${figure}`}
          onSelect={(params) => {
            const row = table.rows[params.dataIndex];
            const column = columnOfSeries(table, params.seriesName);
            if (row && (column === null || table.drillColumns.includes(column))) onDrill({ figure, title: table.title, row: row.key, rowLabel: row.label, column });
          }}
        />
      )}
      {table?.notes?.map((note) => (
        <p key={note} className="stat-dim">{note}</p>
      ))}
    </section>
  );
}
