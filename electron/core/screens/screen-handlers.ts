import { ApiError } from '../../common/api/errors.js';
import type { ScreensApi } from '../../common/api/screens.js';
import { screenProblems, type ScreenSiteFacts } from '../../common/screens.js';
import type { RequestContext } from '../api/handlers.js';
import type { ScreenStore } from './screen-store.js';

type Handlers = { [M in keyof ScreensApi]: (params: Parameters<ScreensApi[M]>[0], context: RequestContext) => ReturnType<ScreensApi[M]> };

export interface ScreenHandlerDeps {
  store: ScreenStore;
  /** The site's devices and cameras as in force now, for checking panels' options. */
  site: () => ScreenSiteFacts;
  now?: () => number;
}

function unavailable(): never {
  throw new ApiError('not-found', 'wall screens are not available in this core');
}

/** The wall screens' methods (electron/common/api/screens.ts); the route table limits saves and deletes to admins. */
export function createScreenHandlers(deps: ScreenHandlerDeps | undefined): Handlers {
  const store = () => deps?.store ?? unavailable();
  const missing = (name: string) => new ApiError('not-found', `no screen "${name}"; see the list of screens`, 'name');
  return {
    async listScreens() {
      return store().list();
    },
    async getScreen({ name }) {
      return store().get(name) ?? Promise.reject(missing(name));
    },
    async saveScreen(draft, context) {
      const problems = screenProblems(draft, deps?.site());
      if (problems.length > 0) {
        const first = problems[0]!;
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more: ${problems.slice(1, 4).map((p) => p.message).join('; ')})` : '';
        throw new ApiError('bad-request', `${first.message}${more}`, first.field);
      }
      return store().save({ ...draft, title: draft.title.trim() }, context.caller?.username ?? 'unknown', deps?.now?.() ?? Date.now());
    },
    async deleteScreen({ name }) {
      if (!store().delete(name)) throw missing(name);
      return { ok: true };
    },
  };
}
