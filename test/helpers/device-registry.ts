import type { DeviceConfig } from '../../electron/core/config/site-schema.js';
import type { DeviceStates } from '../../electron/core/devices/device-states.js';
import { DeviceRegistry } from '../../electron/core/registry/device-registry.js';
import { RegistryStore } from '../../electron/core/registry/registry-store.js';
import type { Database } from '../../electron/core/store/database.js';

/**
 * The device registry wired as the core wires it (site-core): the site file's devices as the
 * baseline, overrides and the blacklist stored in `db`, attached to the live device states.
 */
export function attachedDeviceRegistry(siteDevices: readonly DeviceConfig[], db: Database, devices: DeviceStates): DeviceRegistry {
  const registry = new DeviceRegistry(siteDevices, new RegistryStore(db));
  registry.attach(devices);
  return registry;
}
