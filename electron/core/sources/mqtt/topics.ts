import { isDeviceKind, type DeviceKind } from '../../../common/device-kinds.js';

/**
 * Site device topics: `site/{siteId}/{kind}/{deviceId}/telemetry`, and `/event` for gates.
 * Documented in README.md ("Device protocol: MQTT").
 */
export interface DeviceTopic {
  siteId: string;
  kind: DeviceKind;
  deviceId: string;
  channel: 'telemetry' | 'event';
}

export function deviceTopic(siteId: string, kind: DeviceKind, deviceId: string): string {
  return `site/${siteId}/${kind}/${deviceId}/${kind === 'gate' ? 'event' : 'telemetry'}`;
}

export function subscriptionsFor(siteId: string): string[] {
  return [`site/${siteId}/+/+/telemetry`, `site/${siteId}/+/+/event`];
}

export function parseDeviceTopic(topic: string): DeviceTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== 'site') return null;
  const [, siteId, kind, deviceId, channel] = parts as [string, string, string, string, string];
  if (!isDeviceKind(kind) || !deviceId || !siteId) return null;
  if (channel !== 'telemetry' && channel !== 'event') return null;
  return { siteId, kind, deviceId, channel };
}
