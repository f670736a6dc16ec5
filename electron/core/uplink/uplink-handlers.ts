import { ApiError } from '../../common/api/errors.js';
import type { UplinkApi } from '../../common/api/uplink.js';
import type { RequestContext } from '../api/handlers.js';
import type { SupervisionUplink } from './supervision-uplink.js';

type UplinkHandlers = {
  [M in keyof UplinkApi]: (params: Parameters<UplinkApi[M]>[0], context: RequestContext) => ReturnType<UplinkApi[M]>;
};

/** Server side of the uplink contract (admins only, by the routes' roles); the password is never answered back. */
export function createUplinkHandlers(uplink: SupervisionUplink | undefined): UplinkHandlers {
  const u = () => {
    if (!uplink) throw new ApiError('not-found', 'the supervision uplink is not available on this core');
    return uplink;
  };
  return {
    async getUplinkStatus() {
      return u().status();
    },
    async setUplinkPassword({ password }) {
      const service = u();
      if (!service.enabled) throw new ApiError('conflict', 'add a "supervision" section (siteId, uplink) to the site file before setting the uplink password', 'password');
      await service.setPassword(password);
      return service.status();
    },
  };
}
