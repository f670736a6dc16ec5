import { Color } from 'three';
import type { AlarmPriority } from '../../../electron/common/alarms.js';
import { PRIORITY_SHAPE } from '../../../electron/common/alarms.js';
import type { ScenePalette } from './palette.js';
import type { SourceAlarmState } from './scene-extension.js';

/**
 * How an object with an open alarm looks in the 3D view (the HMI rule: colour + shape + word per
 * priority, the same ones as the alarm banner and list): its body in the priority's colour,
 * breathing between full and dimmed while unacknowledged (the only motion: for what needs
 * attention), steady once acknowledged, and its own colours again when the alarm is back to normal.
 */

/** One breath, ms: well under 3 flashes a second (WCAG 2.3.1), in step with the ground pulse. */
export const BREATH_PERIOD_MS = 1600;
/** The dimmest point of a breath, as a share of the priority colour. */
const BREATH_LOW = 0.45;

/** The priority an object is drawn in now, and whether it breathes. */
export interface AlarmLook {
  priority: AlarmPriority;
  unacked: boolean;
}

export function alarmLook(state: SourceAlarmState | undefined): AlarmLook | null {
  if (!state?.open) return null;
  return { priority: state.open, unacked: state.unacked !== null };
}

/** Writes the body colour at `timeMs` into `out`: the priority colour (breathing while unacknowledged), else `normal`. */
export function bodyColour(look: AlarmLook | null, palette: ScenePalette, normal: Color, timeMs: number, out: Color): Color {
  if (!look) return out.copy(normal);
  out.copy(palette.alarm[look.priority]);
  if (!look.unacked) return out;
  const phase = (timeMs % BREATH_PERIOD_MS) / BREATH_PERIOD_MS;
  const k = BREATH_LOW + (1 - BREATH_LOW) * (0.5 + 0.5 * Math.cos(phase * 2 * Math.PI));
  return out.multiplyScalar(k);
}

/**
 * The label's alarm line: shape, priority word and whether it is acknowledged ("▲ 紧急 · 未确认"),
 * so the state reads without colour. `t` is the scene's translator (keys under `site3d.`).
 */
export function alarmLine(look: AlarmLook, t: (key: string) => string): string {
  return `${PRIORITY_SHAPE[look.priority]} ${t(`priority.${look.priority}`)} · ${t(look.unacked ? 'alarm.unacked' : 'alarm.acked')}`;
}

/** The label's CSS state class for an alarm look (colour bar, and a breathing outline while unacknowledged). */
export function alarmClass(look: AlarmLook | null): string {
  if (!look) return '';
  return `s3d-alarm-${look.priority} s3d-alarm-open${look.unacked ? ' s3d-alarm-unacked' : ''}`;
}

/** A neutral colour scratch for callers that recolour every frame without allocating. */
export function scratchColour(): Color {
  return new Color();
}
