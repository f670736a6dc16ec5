import './strings.js';
import type { ViewProps } from '../view-props.js';

/** The statistics dashboards: safety, environment, equipment, workforce, progress and quality, per day, week and month. */
export function StatisticsView(props: ViewProps) {
  void props;
  return <main className="statistics-view" data-testid="statistics-view" />;
}
