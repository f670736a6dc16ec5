import type { DustTelemetry } from '../../common/telemetry.js';
import { round } from './crane-model.js';

/** A dust monitor at the site boundary: PM10 drifting around 60 µg/m³, PM2.5 about half, TSP about double. */
export function dustStateAt(timeS: number, index: number, random: () => number): DustTelemetry {
  const pm10 = 62 + 18 * Math.sin(timeS / 240 + index) + random() * 8;
  return {
    pm25: round(pm10 * 0.48 + random() * 3, 1),
    pm10: round(pm10, 1),
    tsp: round(pm10 * 1.9 + random() * 10, 1),
    noiseDb: round(61 + 6 * Math.sin(timeS / 45 + index * 2) + random() * 2, 1),
    windMs: round(2.4 + Math.sin(timeS / 120) + random() * 0.6, 1),
    windDir: round((135 + 20 * Math.sin(timeS / 300)) % 360, 0),
    tempC: round(14.5 + random() * 0.3, 1),
    rh: round(58 + random() * 2, 1),
  };
}
