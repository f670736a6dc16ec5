import type { DeviceKind } from './device-kinds.js';

/** Tower-crane safety monitor reading (GB/T 37366-2019 data items). */
export interface CraneTelemetry {
  /** Load on the hook, tonnes. */
  loadT: number;
  /** Rated load at the current radius, tonnes (from the crane's load chart). */
  ratedLoadT: number;
  /** Load moment as a percentage of the rated moment. */
  momentPct: number;
  /** Trolley radius from the mast axis, metres. */
  radiusM: number;
  /** Hook height above the crane base, metres. */
  heightM: number;
  /** Jib slew angle, degrees clockwise from site north. */
  slewDeg: number;
  /** Wind speed at the jib, m/s. */
  windMs: number;
  /** Mast tilt, degrees. */
  tiltDeg: number;
  operatorId?: string;
}

/** Construction hoist (施工升降机) monitor reading. */
export interface HoistTelemetry {
  loadKg: number;
  ratedLoadKg: number;
  people: number;
  ratedPeople: number;
  floor: number;
  /** Cage height above ground, metres. */
  heightM: number;
  /** Cage speed, m/s; positive going up. */
  speedMs: number;
  doorOpen: boolean;
  tiltDeg: number;
  driverId?: string;
}

/** Dust and noise monitor reading. */
export interface DustTelemetry {
  /** PM2.5, µg/m³. */
  pm25: number;
  /** PM10, µg/m³. */
  pm10: number;
  /** Total suspended particulates, µg/m³. */
  tsp: number;
  /** Equivalent sound level, dB(A). */
  noiseDb: number;
  windMs: number;
  /** Wind direction, degrees clockwise from north (where the wind comes from). */
  windDir: number;
  tempC: number;
  /** Relative humidity, %. */
  rh: number;
}

/** What a dust monitor actually sends: any subset of the fields (at least one). */
export type DustReading = Partial<DustTelemetry>;

/** Automatic ranging station: laser distance to one monitored point. */
export interface RangingTelemetry {
  pointId: string;
  distanceM: number;
}

/** Real-name attendance gate passage. */
export interface GateEvent {
  workerId: string;
  direction: 'in' | 'out';
  gateId: string;
}

export interface TelemetryByKind {
  crane: CraneTelemetry;
  hoist: HoistTelemetry;
  dust: DustReading;
  ranging: RangingTelemetry;
  gate: GateEvent;
}

/** One reading as it travels the pipeline and as it is stored. `ts` is UTC epoch milliseconds. */
export interface TelemetryRecord<K extends DeviceKind = DeviceKind> {
  deviceId: string;
  kind: K;
  ts: number;
  values: TelemetryByKind[K];
}
