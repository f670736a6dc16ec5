import type { DustTelemetry } from '../../../common/telemetry.js';
import { ramp, round, type Incident } from './incident.js';

/**
 * Seconds: the 5-minute window (the shortest dust rule, DB21/2642-2016's TSP 5-minute mean) must
 * fill with dusty air before its mean crosses the limit, so this one lasts longest.
 */
export const DUST_WIND_DURATION_S = 300;

/**
 * A dust exceedance with wind: a gust front turns the wind towards the boundary monitor and
 * strengthens it to about 9 m/s; dust from the stockpiles lifts, TSP climbing to `peakTsp` µg/m³
 * (PM10 and PM2.5 with it, in the monitor's usual ratios) and falling once the wind eases.
 */
export function dustWindIncident(monitorId: string, peakTsp: number): Incident {
  const tsp: ReadonlyArray<readonly [number, number]> = [
    [0, 0],
    [45, 1],
    [200, 1],
    [DUST_WIND_DURATION_S, 0],
  ];
  const wind: ReadonlyArray<readonly [number, number]> = [
    [0, 3],
    [30, 9.2],
    [210, 8.6],
    [DUST_WIND_DURATION_S, 3],
  ];
  return {
    id: 'dust-wind',
    durationS: DUST_WIND_DURATION_S,
    devices: [monitorId],
    shape: (_id, reading, tS) => {
      const base = reading as unknown as DustTelemetry;
      const x = ramp(tsp, tS);
      const gust = 0.4 * Math.sin(tS / 3);
      const total = (base.tsp ?? 120) + x * (peakTsp - (base.tsp ?? 120)) + 40 * gust;
      return {
        ...base,
        tsp: round(total, 1),
        pm10: round(total / 1.9, 1),
        pm25: round((total / 1.9) * 0.48, 1),
        windMs: round(Math.max(base.windMs ?? 0, ramp(wind, tS) + gust), 1),
        // Veering from the south-east to the west, towards the monitor.
        windDir: round(135 + x * 120, 0),
      };
    },
  };
}
