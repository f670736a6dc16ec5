import { ApiError } from '../../common/api.js';
import type { SitesReply, SiteEntry } from '../../common/api.js';
import type { ApiHandlers } from '../api/handlers.js';
import type { Logger } from '../log/logger.js';
import { secretNames, type SecretVault } from './secret-vault.js';

/** What the password routes need: the vault, and the services that use what is set. */
export interface SecretHandlerDeps {
  vault?: SecretVault | undefined;
  federation?: { list(): SitesReply; isRemote(id: string): boolean; passwordChanged(id: string): void } | undefined;
  panoramas?: { hasDevice(id: string): boolean; pullDeviceNow(id: string): boolean } | undefined;
  log?: Logger | undefined;
}

/**
 * The multi-site list and the admin routes that set other systems' passwords. A password is
 * sealed into the vault and never answered back; the log records who set which one, never the value.
 */
export function createSecretHandlers(deps: SecretHandlerDeps = {}): Pick<ApiHandlers, 'listSites' | 'setSitePassword' | 'setPanoramaDevicePassword'> {
  const who = (context: { caller: { username: string } | null }) => context.caller?.username ?? 'system';
  return {
    async listSites() {
      if (deps.federation) return deps.federation.list();
      return { authority: null, enterprises: [] };
    },
    async setSitePassword({ id, password }, context) {
      if (!deps.vault || !deps.federation?.isRemote(id)) throw new ApiError('not-found', `no other project "${id}" with a URL in the site file's federation block`, 'id');
      deps.vault.set(secretNames.federationPassword(id), password);
      deps.log?.info('federation password set', { project: id, by: who(context) });
      deps.federation.passwordChanged(id);
      const entry = deps.federation
        .list()
        .enterprises.flatMap((e) => e.projects)
        .find((p) => p.id === id) as SiteEntry;
      return entry;
    },
    async setPanoramaDevicePassword({ id, password }, context) {
      if (!deps.vault || !deps.panoramas?.hasDevice(id)) throw new ApiError('not-found', `no panorama capture device "${id}" in the site file`, 'id');
      deps.vault.set(secretNames.panoramaDevicePassword(id), password);
      deps.log?.info('panorama device password set', { device: id, by: who(context) });
      deps.panoramas.pullDeviceNow(id);
      return { id, passwordSet: true as const };
    },
  };
}
