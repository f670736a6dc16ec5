/**
 * One look for every chart, on the wall and in the reports: ISA-101 greys, colour only where a value
 * means state. The console's panels draw on the dark wall; a report prints on white paper. The
 * alarm colours are the alarm palette's (renderer/src/styles/app.css) and mean alarms only.
 */
export type ChartSurface = 'wall' | 'paper';

export interface ChartPalette {
  background: string;
  text: string;
  textDim: string;
  axis: string;
  grid: string;
  /** Series colours for plain quantities, in order: greys and a muted blue, never an alarm colour. */
  series: readonly string[];
  /** A limit line (a preset's limit, a planned curve). */
  limit: string;
  /** A value past its limit (exceedance, delay). */
  exceed: string;
}

export const CHART_PALETTES: Record<ChartSurface, ChartPalette> = {
  wall: {
    background: 'transparent',
    text: '#d9dcdf',
    textDim: '#9aa1a8',
    axis: '#5a6068',
    grid: '#3a3e44',
    series: ['#c9ced3', '#7f9fb8', '#8d949c', '#a9b8a0', '#b8a68f', '#6f7780'],
    limit: '#e8c21a',
    exceed: '#f07c1e',
  },
  paper: {
    background: '#ffffff',
    text: '#1f2124',
    textDim: '#5a6068',
    axis: '#8d949c',
    grid: '#dcdfe3',
    series: ['#3a3e44', '#4f7392', '#8d949c', '#6d8a5c', '#8c6d45', '#b0b6bd'],
    limit: '#a07f00',
    exceed: '#c2410c',
  },
};

/** Font families for charts: the app's CJK font first (reports embed Noto Sans SC). */
export const CHART_FONT_FAMILY = "'Noto Sans SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

/**
 * The option's common frame for a surface: text, axes, grid and tooltip styled once. Builders in
 * this folder spread it under their own option (`{ ...chartFrame('wall'), series: … }`).
 */
export function chartFrame(surface: ChartSurface): Record<string, unknown> {
  const p = CHART_PALETTES[surface];
  const axis = {
    axisLine: { lineStyle: { color: p.axis } },
    axisTick: { lineStyle: { color: p.axis } },
    axisLabel: { color: p.textDim, fontFamily: CHART_FONT_FAMILY },
    splitLine: { lineStyle: { color: p.grid } },
    nameTextStyle: { color: p.textDim, fontFamily: CHART_FONT_FAMILY },
  };
  return {
    backgroundColor: p.background,
    color: [...p.series],
    textStyle: { color: p.text, fontFamily: CHART_FONT_FAMILY },
    // No animation: a calm wall (ISA-101), and a report is a still picture.
    animation: false,
    grid: { left: 48, right: 16, top: 32, bottom: 32, containLabel: true },
    legend: { textStyle: { color: p.textDim, fontFamily: CHART_FONT_FAMILY } },
    tooltip: { trigger: 'axis' },
    xAxis: axis,
    yAxis: axis,
  };
}
