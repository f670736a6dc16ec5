/**
 * The kinds of site device the console understands. Each kind has one MQTT topic family
 * (`site/{siteId}/{kind}/{deviceId}/telemetry`, gates use `/event`) and one reading shape.
 */
export const DEVICE_KINDS = ['crane', 'hoist', 'dust', 'ranging', 'gate'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export function isDeviceKind(value: string): value is DeviceKind {
  return (DEVICE_KINDS as readonly string[]).includes(value);
}
