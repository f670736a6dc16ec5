import './strings.js';
import type { ViewProps } from '../view-props.js';

/** Quality (质量): inspections and rectification notices (整改通知单). */
export function QualityView(props: ViewProps) {
  void props;
  return <main className="quality-view" data-testid="quality-view" />;
}
