import * as echarts from 'echarts';
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
  const chart = useRef<echarts.ECharts | null>(null);
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    const el = box.current!;
    const instance = echarts.init(el, null, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => select.current?.(params as Parameters<NonNullable<EChartProps['onSelect']>>[0]));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className={className ?? 'echart'} role="img" aria-label={label} data-testid={testId} />;
}
