import './strings.js';
import type { ViewProps } from '../view-props.js';

/** Reports: the daily site report (施工日志/安全日志), weekly and monthly, as PDF and XLSX. */
export function ReportsView(props: ViewProps) {
  void props;
  return <main className="reports-view" data-testid="reports-view" />;
}
