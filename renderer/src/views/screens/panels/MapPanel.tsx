import { GisView } from '../../gis/GisView.js';
import type { PanelProps } from './panel-props.js';

/** The site on the offline globe (the `#/gis` view in a box). */
export function MapPanel({ client, state, alarms }: PanelProps) {
  return (
    <div className="wall-map" data-testid="wall-map">
      <GisView client={client} state={state} alarms={alarms} param={null} />
    </div>
  );
}
