/**
 * ECharts options of the report's own sections (weather, alarms): pure data → option, so the PDF
 * (rendered to SVG on the core) and any console panel draw the same chart. The surface's frame
 * (chartFrame) is spread under them by whoever draws them.
 */
import { CHART_PALETTES } from './chart-theme.js';

/** Daily min / mean / max temperature over a week or a month. */
export function dailyTemperatureOption(days: string[], min: Array<number | null>, mean: Array<number | null>, max: Array<number | null>): Record<string, unknown> {
  return {
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
    yAxis: { type: 'value', name: '°C' },
    legend: { data: ['最低', '平均', '最高'] },
    series: [
      { name: '最低', type: 'line', data: min },
      { name: '平均', type: 'line', data: mean },
      { name: '最高', type: 'line', data: max },
    ],
  };
}

/** Alarms of the period by priority (the alarm palette: colour means alarm priority here). */
export function alarmsByPriorityOption(labels: string[], counts: number[], colours: string[]): Record<string, unknown> {
  return {
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', name: '次', minInterval: 1 },
    tooltip: { trigger: 'axis' },
    series: [{ type: 'bar', data: counts.map((value, i) => ({ value, itemStyle: { color: colours[i] ?? CHART_PALETTES.paper.series[0] } })), label: { show: true, position: 'top' } }],
  };
}
