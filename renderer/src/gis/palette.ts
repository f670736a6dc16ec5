import { Color, LabelStyle, VerticalOrigin } from 'cesium';
import type { AlarmPriority } from '../../../electron/common/alarms.js';
import type { SiteLinkStatus } from '../../../electron/common/api.js';

/**
 * Colours of the GIS scene, after ISA-101 (renderer/src/styles/app.css): greys for what is
 * normal, alarm priority colours only for alarms, magenta only for lost communication.
 */
export const GIS_COLOURS = {
  background: Color.fromCssColorString('#1f2124'),
  globeBase: Color.fromCssColorString('#2a2d31'),
  boundary: Color.fromCssColorString('#d9dcdf'),
  building: Color.fromCssColorString('#8c9399'),
  plannedOutline: Color.fromCssColorString('#9aa1a8').withAlpha(0.6),
  zone: { danger: Color.fromCssColorString('#d9dcdf').withAlpha(0.22), fence: Color.fromCssColorString('#9aa1a8').withAlpha(0.12), work: Color.fromCssColorString('#6f7c88').withAlpha(0.18) },
  zoneOutline: { danger: Color.fromCssColorString('#f2f4f5'), fence: Color.fromCssColorString('#9aa1a8'), work: Color.fromCssColorString('#7f8b96') },
  crane: Color.fromCssColorString('#e6e8ea'),
  device: Color.fromCssColorString('#c4c9ce'),
  label: Color.fromCssColorString('#f2f4f5'),
  labelOutline: Color.fromCssColorString('#17191b'),
  focus: Color.fromCssColorString('#7fb3ff'),
  diag: Color.fromCssColorString('#d67fd6'),
  neutralMarker: Color.fromCssColorString('#d9dcdf'),
  dimMarker: Color.fromCssColorString('#6b7178'),
  alarm: {
    critical: Color.fromCssColorString('#e0312b'),
    high: Color.fromCssColorString('#f07c1e'),
    medium: Color.fromCssColorString('#e8c21a'),
    low: Color.fromCssColorString('#4aa3df'),
  } satisfies Record<AlarmPriority, Color>,
} as const;

/** A project marker's colour: its worst alarm when it has one, magenta when it cannot be read, grey otherwise. */
export function markerColour(status: SiteLinkStatus, worst: AlarmPriority | null): Color {
  if (status === 'unreachable' || status === 'auth-failed') return GIS_COLOURS.diag;
  if (status === 'not-configured' || status === 'pending') return GIS_COLOURS.dimMarker;
  return worst ? GIS_COLOURS.alarm[worst] : GIS_COLOURS.neutralMarker;
}

/** How every label on the map reads (light text, dark outline: legible over any imagery); callers add position, text, offset. */
export function mapLabelStyle(fontPx: number) {
  return {
    font: `${fontPx}px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`,
    fillColor: GIS_COLOURS.label,
    outlineColor: GIS_COLOURS.labelOutline,
    outlineWidth: 3,
    style: LabelStyle.FILL_AND_OUTLINE,
    verticalOrigin: VerticalOrigin.BOTTOM,
  };
}
