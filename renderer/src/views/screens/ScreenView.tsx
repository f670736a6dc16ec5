import './strings.js';
import type { ViewProps } from '../view-props.js';

/** A wall screen (`#/screen/NAME`): a named layout of panels, composed for one display. */
export function ScreenView(props: ViewProps) {
  void props;
  return <main className="screen-view" data-testid="screen-view" />;
}
