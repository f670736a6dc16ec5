import { Color } from 'three';
import type { AlarmPriority } from '../../../electron/common/alarms.js';

/**
 * The scene's colours. Alarm priority colours come from the console's CSS variables
 * (--alarm-critical/high/medium/low in styles/app.css) so that there is one definition; they are
 * used for nothing but alarms and the states the alarm rules alarm on. Everything else is grey
 * (ISA-101): structure a mid grey, planned work a faint wireframe, selection the focus blue.
 */
export interface ScenePalette {
  background: Color;
  ground: Color;
  grid: Color;
  boundary: Color;
  structure: Color;
  structureEdge: Color;
  planned: Color;
  crane: Color;
  hookNeutral: Color;
  zoneDanger: Color;
  zoneFence: Color;
  zoneWork: Color;
  sensor: Color;
  camera: Color;
  worker: Color;
  focus: Color;
  alarm: Record<AlarmPriority, Color>;
}

const FALLBACK: Record<AlarmPriority | 'focus' | 'bg', string> = {
  critical: '#e0312b',
  high: '#f07c1e',
  medium: '#e8c21a',
  low: '#4aa3df',
  focus: '#7fb3ff',
  bg: '#1f2124',
};

function cssColour(name: string, fallback: string): Color {
  const value = typeof document === 'undefined' ? '' : getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return new Color(value || fallback);
}

export function readPalette(): ScenePalette {
  return {
    background: cssColour('--bg', FALLBACK.bg),
    ground: new Color('#2a2d31'),
    grid: new Color('#34383d'),
    boundary: new Color('#8a9097'),
    structure: new Color('#7d8288'),
    structureEdge: new Color('#a3a8ae'),
    planned: new Color('#6b7178'),
    crane: new Color('#b5bac0'),
    hookNeutral: new Color('#d9dcdf'),
    // Danger zone: hatched in a light neutral, never an alarm colour until an alarm is on it.
    zoneDanger: new Color('#c9ccd0'),
    zoneFence: new Color('#8a9097'),
    zoneWork: new Color('#6f767d'),
    sensor: new Color('#c0c4c9'),
    camera: new Color('#9aa1a8'),
    worker: new Color('#d9dcdf'),
    focus: cssColour('--focus', FALLBACK.focus),
    alarm: {
      critical: cssColour('--alarm-critical', FALLBACK.critical),
      high: cssColour('--alarm-high', FALLBACK.high),
      medium: cssColour('--alarm-medium', FALLBACK.medium),
      low: cssColour('--alarm-low', FALLBACK.low),
    },
  };
}

/** Priority order, most urgent first, for picking the colour of a device with several alarms. */
export const PRIORITY_RANK: Record<AlarmPriority, number> = { critical: 0, high: 1, medium: 2, low: 3 };
