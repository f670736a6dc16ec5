/** API handlers of the device registry and blacklist (routes and roles in common/api.ts). */
import { ApiError } from '../../common/api.js';
import type { ApiHandlers, RequestContext } from '../api/handlers.js';
import type { SiteConfig } from '../config/site-schema.js';
import type { DeviceStates } from '../devices/device-states.js';
import { chartLimits, deviceMetrics } from './chart-limits.js';
import type { DeviceRegistry } from './device-registry.js';
import type { RegistryActor } from './registry-store.js';

type RegistryMethods = 'updateDevice' | 'getDeviceDetail' | 'getBlacklist' | 'addBlacklistEntry' | 'removeBlacklistEntry';

/** `registry` is the core's own, already attached to `devices` (see site-core). */
export function createRegistryHandlers(registry: DeviceRegistry, devices: DeviceStates, site: () => SiteConfig): Pick<ApiHandlers, RegistryMethods> {
  return {
    async updateDevice(update, context) {
      return registry.update(update, actorOf(context));
    },
    async getDeviceDetail({ id }) {
      const device = devices.list().find((d) => d.id === id);
      const baseline = registry.baseline(id);
      if (!device || !baseline) throw new ApiError('not-found', `no device "${id}" on this site`, 'id');
      return {
        device,
        baseline,
        overridden: registry.overridden(id),
        changes: registry.store.changesOf(id),
        metrics: deviceMetrics(site(), id, device.kind),
        limits: chartLimits(site(), id, device.kind),
      };
    },
    async getBlacklist() {
      return registry.blacklist();
    },
    async addBlacklistEntry(request, context) {
      return registry.addBlacklistEntry(request, actorOf(context));
    },
    async removeBlacklistEntry({ id }, context) {
      registry.removeBlacklistEntry(id, actorOf(context));
      return { ok: true as const };
    },
  };
}

function actorOf(context: RequestContext): RegistryActor {
  // The route requires a session; a missing caller here is a wiring error, not a client's.
  if (!context.caller) throw new ApiError('unauthorized', 'log in first');
  return { user: context.caller.username, role: context.caller.role };
}
