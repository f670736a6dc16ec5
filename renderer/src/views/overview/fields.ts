import type { DeviceKind } from '../../../../electron/common/device-kinds.js';

/** How one value is shown: its unit and decimals. Units follow the MQTT field names. */
export interface FieldFormat {
  key: string;
  unit?: string;
  digits?: number;
  /** Shown large, the value an operator checks first. */
  primary?: boolean;
}

export const FIELDS_BY_KIND: Record<DeviceKind, FieldFormat[]> = {
  crane: [
    { key: 'momentPct', unit: '%', digits: 1, primary: true },
    { key: 'loadT', unit: 't', digits: 2, primary: true },
    { key: 'ratedLoadT', unit: 't', digits: 2 },
    { key: 'radiusM', unit: 'm', digits: 1 },
    { key: 'heightM', unit: 'm', digits: 1 },
    { key: 'slewDeg', unit: '°', digits: 0 },
    { key: 'windMs', unit: 'm/s', digits: 1 },
    { key: 'tiltDeg', unit: '°', digits: 2 },
    { key: 'operatorId' },
  ],
  hoist: [
    { key: 'floor', digits: 0, primary: true },
    { key: 'people', digits: 0, primary: true },
    { key: 'loadKg', unit: 'kg', digits: 0 },
    { key: 'ratedLoadKg', unit: 'kg', digits: 0 },
    { key: 'heightM', unit: 'm', digits: 1 },
    { key: 'speedMs', unit: 'm/s', digits: 2 },
    { key: 'doorOpen' },
    { key: 'driverId' },
  ],
  dust: [
    { key: 'pm10', unit: 'µg/m³', digits: 0, primary: true },
    { key: 'pm25', unit: 'µg/m³', digits: 0, primary: true },
    { key: 'tsp', unit: 'µg/m³', digits: 0 },
    { key: 'noiseDb', unit: 'dB(A)', digits: 1 },
    { key: 'windMs', unit: 'm/s', digits: 1 },
    { key: 'windDir', unit: '°', digits: 0 },
    { key: 'tempC', unit: '°C', digits: 1 },
    { key: 'rh', unit: '%', digits: 0 },
  ],
  ranging: [
    { key: 'distanceM', unit: 'm', digits: 4, primary: true },
    { key: 'pointId' },
  ],
  gate: [{ key: 'workerId', primary: true }, { key: 'direction' }, { key: 'gateId' }],
};
