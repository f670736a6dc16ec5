/**
 * ECharts options for the statistics figures (pure: table → option), drawn the same in the
 * console's panels and, rendered to SVG on the core, in the PDF reports. Bars per row; a
 * figure's limits (the dust preset's daily limits) as dashed lines; alarm priorities in the
 * alarm palette (they mean alarm priorities here), every series named in the legend as well.
 */
import type { StatTable } from '../statistics.js';
import { CHART_PALETTES, chartFrame, type ChartSurface } from './chart-theme.js';

/** The alarm palette (renderer/src/styles/app.css --alarm-*), for series that are alarm priorities. */
export const PRIORITY_COLOURS: Record<string, string> = { critical: '#e0312b', high: '#f07c1e', medium: '#e8c21a', low: '#4aa3df' };

/** Which columns each figure draws as bars (others are in the table and the export only). */
export const CHARTED_COLUMNS: Record<StatTable['figure'], { columns: string[]; stacked?: boolean; horizontal?: boolean }> = {
  'alarms-by-day': { columns: ['critical', 'high', 'medium', 'low'], stacked: true },
  'alarms-by-quantity': { columns: ['count'], horizontal: true },
  'alarm-response': { columns: ['ackMeanS', 'clearMeanS'] },
  'by-building': { columns: ['alarms', 'overloads', 'collisions', 'dustHoursOver'] },
  'crane-use': { columns: ['lifts', 'overloads', 'collisions'] },
  'crane-operators': { columns: ['lifts', 'overloads', 'collisions'], horizontal: true },
  'hoist-use': { columns: ['trips', 'people'] },
  'dust-daily': { columns: ['pm10', 'pm25', 'tsp'] },
  'device-uptime': { columns: ['uptimePct'], horizontal: true },
  'attendance-by-team': { columns: ['attendancePct'], horizontal: true },
  'panorama-captures': { columns: ['captures'] },
};

/** The option of one figure. Series ids are the column keys (drill-down reads them back). */
export function statFigureOption(table: StatTable, surface: ChartSurface = 'wall'): Record<string, unknown> {
  const frame = chartFrame(surface);
  const palette = CHART_PALETTES[surface];
  const spec = CHARTED_COLUMNS[table.figure];
  const labels = table.rows.map((r) => r.label);
  const series = spec.columns.map((key, i) => {
    const column = table.columns.find((c) => c.key === key)!;
    const limit = table.limits?.[key];
    return {
      id: key,
      name: column.unit ? `${column.label} (${column.unit})` : column.label,
      type: 'bar',
      ...(spec.stacked ? { stack: 'total' } : {}),
      barMaxWidth: 28,
      itemStyle: { color: PRIORITY_COLOURS[key] ?? palette.series[i % palette.series.length] },
      data: table.rows.map((r) => r.values[key] ?? null),
      ...(limit !== undefined
        ? { markLine: { symbol: 'none', silent: true, lineStyle: { color: palette.limit, type: 'dashed' }, label: { color: palette.limit, position: 'insideEndTop', formatter: `${key} ≤ ${limit}` }, data: [{ yAxis: limit }] } }
        : {}),
    };
  });
  const category = { ...(frame.xAxis as object), type: 'category', data: labels };
  // A limit above every bar would be off the chart: the value axis reaches the highest limit drawn.
  const limits = spec.columns.map((k) => table.limits?.[k]).filter((v): v is number => v !== undefined);
  const highest = Math.max(0, ...limits, ...series.flatMap((s) => s.data.filter((v): v is number => typeof v === 'number')));
  const value = { ...(frame.yAxis as object), type: 'value', ...(limits.length > 0 ? { max: Math.ceil((highest * 1.1) / 10) * 10 } : {}) };
  return {
    ...frame,
    legend: { ...(frame.legend as object), top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: spec.horizontal ? value : category,
    yAxis: spec.horizontal ? { ...category, inverse: true } : value,
    series,
  };
}

/** The column a clicked series stands for (ECharts reports the series' name). */
export function columnOfSeries(table: StatTable, seriesName: string | undefined): string | null {
  const column = table.columns.find((c) => (c.unit ? `${c.label} (${c.unit})` : c.label) === seriesName);
  return column?.key ?? null;
}
