import type { ECharts } from 'echarts';
import { useEffect, useRef } from 'react';

export interface EChartProps {
  /** The ECharts option (builders in electron/common/charts), replaced whole on each change. */
  option: Record<string, unknown>;
  /** A bar, point or slice clicked: for drill-down to the records behind it. */
  onSelect?: (params: { seriesName?: string; name?: string; dataIndex: number; value: unknown; data: unknown }) => void;
  className?: string;
  /** Accessible name of the chart (screen readers, tests). */
  label: string;
  testId?: string;
}

/**
 * One ECharts instance in a resizable box. SVG renderer: crisp on a 4K wall, light on memory, and
 * the same output the reports get from the core (ECharts' server-side SVG). Disposed on unmount.
 */
export function EChart({ option, onSelect, className, label, testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const latest = useRef(option);
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    const el = box.current!;
    let disposed = false;
    let observer: ResizeObserver | null = null;
    // ECharts is loaded on first use, in its own chunk: the console's first paint does not wait for it.
    void import('echarts').then((echarts) => {
      if (disposed) return;
      const instance = echarts.init(el, null, { renderer: 'svg' });
      chart.current = instance;
      instance.on('click', (params) => select.current?.(params as Parameters<NonNullable<EChartProps['onSelect']>>[0]));
      instance.setOption(latest.current, { notMerge: true });
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(el);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    latest.current = option;
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className={className ?? 'echart'} role="img" aria-label={label} data-testid={testId} />;
}
