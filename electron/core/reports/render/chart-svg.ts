import * as echarts from 'echarts';
import { chartFrame } from '../../../common/charts/chart-theme.js';

/**
 * An ECharts option as SVG, rendered server-side (ECharts' SSR string renderer, no DOM), with the
 * paper frame under it: the same option the console draws, as a still picture for the PDF.
 */
export function chartSvg(option: Record<string, unknown>, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const frame = chartFrame('paper');
    chart.setOption({ ...frame, ...option, xAxis: merge(frame.xAxis, option.xAxis), yAxis: merge(frame.yAxis, option.yAxis) });
    return chart.renderToSVGString();
  } finally {
    // An undisposed instance keeps timers alive.
    chart.dispose();
  }
}

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (Array.isArray(over)) return over.map((o) => ({ ...(base as object), ...(o as object) }));
  return { ...(base as object), ...(over as object) };
}
