import { ApiError } from '../../common/api/errors.js';
import type { RealnamePlatformApi } from '../../common/api/realname-platform.js';
import type { RequestContext } from '../api/handlers.js';
import type { Logger } from '../log/logger.js';
import type { RealnameService } from './realname-service.js';

type Handlers = { [M in keyof RealnamePlatformApi]: (params: Parameters<RealnamePlatformApi[M]>[0], context: RequestContext) => ReturnType<RealnamePlatformApi[M]> };

/** The real-name platform's methods (electron/common/api/realname-platform.ts); roles are in the route table. */
export function createRealnamePlatformHandlers(deps: { service: RealnameService; log: Logger } | undefined): Handlers {
  const service = () => deps?.service ?? unavailable();
  return {
    async getRealnamePlatformStatus() {
      return service().status();
    },
    async setRealnamePlatformCredentials(request, context) {
      const s = service();
      if (request.appSecret === undefined && !s.credentials.facts().secretSet) throw new ApiError('bad-request', 'no app secret is stored yet; enter the app secret the platform issued', 'appSecret');
      s.credentials.set(request);
      deps!.log.info('real-name platform credentials set', { by: context.caller?.username ?? 'system', secretChanged: request.appSecret !== undefined });
      return s.status();
    },
    async syncRealnamePlatform() {
      const s = service();
      if (!s.credentials.get()) throw new ApiError('conflict', 'the real-name platform credentials are not set; an admin sets the platform URL, app id, app secret and project code first');
      await s.syncNow();
      return s.status();
    },
  };
}

function unavailable(): never {
  throw new ApiError('not-found', 'the real-name platform uplink is not available in this core');
}
