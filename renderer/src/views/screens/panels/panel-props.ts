import type { PanelOptions } from '../../../../../electron/common/screens.js';
import type { ViewProps } from '../../view-props.js';

/** What every wall panel gets: the shell's view props and its own options from the screen. */
export type PanelProps = ViewProps & { options: PanelOptions };
