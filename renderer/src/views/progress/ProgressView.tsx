import './strings.js';
import type { ViewProps } from '../view-props.js';

/** Construction progress (工程进度): each building's schedule, floors completed, planned against actual. */
export function ProgressView(props: ViewProps) {
  void props;
  return <main className="progress-view" data-testid="progress-view" />;
}
