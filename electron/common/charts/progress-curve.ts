import type { BuildingProgress, SiteDay } from '../progress.js';
import { CHART_PALETTES, chartFrame, type ChartSurface } from './chart-theme.js';

/** What the curve needs of a building (the API's BuildingProgress fits). */
export type CurveBuilding = Pick<BuildingProgress, 'id' | 'name' | 'curve'>;

export interface ProgressCurveInput {
  buildings: readonly CurveBuilding[];
  /** The day the delays are counted at: a vertical line. */
  asOf: SiteDay;
  surface: ChartSurface;
  /** Axis and legend words in the reader's language. */
  words: { floors: string; planned: string; actual: string; today: string };
}

/**
 * Planned against actual floors (S-curve of a building's structure, 形象进度): per building the
 * planned curve (floors due by each day, dashed, the palette's limit colour when alone) and the
 * actual one (floors done, solid), as steps: a floor counts from its day on. The horizontal gap
 * between the two at the `asOf` line is the delay (common/progress.ts, `delayOf`). Pure: the
 * console's panel and the PDF report draw the same option.
 */
export function progressCurveOption(input: ProgressCurveInput): Record<string, unknown> {
  const p = CHART_PALETTES[input.surface];
  const one = input.buildings.length === 1;
  const series: Record<string, unknown>[] = [];
  input.buildings.forEach((b, i) => {
    const colour = p.series[i % p.series.length]!;
    const name = (what: string) => (one ? what : `${b.name} ${what}`);
    const planned = b.curve.planned.map((pt) => [pt.day, pt.floors]);
    // The actual curve runs on to the day asked: flat since the last floor, the gap widening.
    const actual = b.curve.actual.map((pt) => [pt.day, pt.floors]);
    const last = b.curve.actual[b.curve.actual.length - 1];
    if (last && last.day < input.asOf) actual.push([input.asOf, last.floors]);
    series.push({
      name: name(input.words.planned),
      type: 'line',
      step: 'end',
      showSymbol: false,
      data: planned,
      lineStyle: { type: 'dashed', width: 2, color: one ? p.limit : colour },
      itemStyle: { color: one ? p.limit : colour },
    });
    series.push({
      name: name(input.words.actual),
      type: 'line',
      step: 'end',
      showSymbol: false,
      data: actual,
      lineStyle: { width: 3, color: one ? p.series[0] : colour },
      itemStyle: { color: one ? p.series[0] : colour },
      ...(i === 0
        ? { markLine: { symbol: 'none', silent: true, label: { formatter: input.words.today, color: p.textDim }, lineStyle: { color: p.axis, type: 'dotted' }, data: [{ xAxis: input.asOf }] } }
        : {}),
    });
  });
  const frame = chartFrame(input.surface);
  return {
    ...frame,
    legend: { ...(frame.legend as object), top: 0 },
    xAxis: { ...(frame.xAxis as object), type: 'time' },
    yAxis: { ...(frame.yAxis as object), type: 'value', name: input.words.floors, minInterval: 1, min: 0 },
    series,
  };
}
