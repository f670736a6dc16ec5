/**
 * Inspections per site day, passed and not passed, as stacked bars: the same option on the wall
 * panel and in the weekly/monthly report. "Not passed" uses the palette's exceedance colour (a
 * result past its limit), never an alarm colour, and the legend names it in words.
 */
import { CHART_PALETTES, chartFrame, type ChartSurface } from './chart-theme.js';

export interface InspectionDay {
  /** Site day, YYYY-MM-DD. */
  day: string;
  inspections: number;
  passed: number;
}

export function inspectionsByDayOption(days: readonly InspectionDay[], surface: ChartSurface, labels = { passed: '合格', failed: '不合格' }): Record<string, unknown> {
  const frame = chartFrame(surface);
  const p = CHART_PALETTES[surface];
  return {
    ...frame,
    legend: { ...(frame.legend as object), data: [labels.passed, labels.failed], top: 0 },
    xAxis: { ...(frame.xAxis as object), type: 'category', data: days.map((d) => d.day.slice(5)) },
    yAxis: { ...(frame.yAxis as object), type: 'value', minInterval: 1 },
    series: [
      { name: labels.passed, type: 'bar', stack: 'n', data: days.map((d) => d.passed), itemStyle: { color: p.series[1] } },
      { name: labels.failed, type: 'bar', stack: 'n', data: days.map((d) => d.inspections - d.passed), itemStyle: { color: p.exceed } },
    ],
  };
}
