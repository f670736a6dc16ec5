import type { MqttClient } from 'mqtt';
import type { CraneTelemetry } from '../../electron/common/telemetry.js';

/** The load figures a crane test is about; they stay written in the test. */
export type CraneLoad = Pick<CraneTelemetry, 'loadT' | 'ratedLoadT' | 'momentPct'>;

/**
 * A crane monitor's reading at an ordinary pose no test judges: trolley at 20 m, hook 30 m up,
 * jib slewed east, 3 m/s wind, 0.1° tilt. The test gives the load, and any field it changes.
 */
export function craneReading(load: CraneLoad & Partial<CraneTelemetry>): CraneTelemetry {
  return { radiusM: 20, heightM: 30, slewDeg: 90, windMs: 3, tiltDeg: 0.1, ...load };
}

/**
 * Publishes one reading on the demo site's crane topic as a monitor does: JSON, QoS 1. `ts`
 * (ISO text or epoch ms) is the device's own timestamp; without it the core stamps arrival.
 */
export async function publishCraneReading(client: MqttClient, craneId: string, reading: Partial<CraneTelemetry> & { ts?: string | number }): Promise<void> {
  await client.publishAsync(`site/demo/crane/${craneId}/telemetry`, JSON.stringify(reading), { qos: 1 });
}
