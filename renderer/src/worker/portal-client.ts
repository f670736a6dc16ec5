import { ApiError, type ApiErrorBody } from '../../../electron/common/api/errors.js';
import { fillRoutePath } from '../../../electron/common/api/route-spec.js';
import { WORKER_PORTAL_ROUTES, type WorkerPortalApi, type WorkerPortalMethod } from '../../../electron/common/api/worker-portal.js';

type Params<M extends WorkerPortalMethod> = Parameters<WorkerPortalApi[M]> extends [] ? undefined : Parameters<WorkerPortalApi[M]>[0];
type Result<M extends WorkerPortalMethod> = Awaited<ReturnType<WorkerPortalApi[M]>>;

const TOKEN_KEY = 'site-command.worker-token';

/**
 * The phone's side of the worker-page contract: routes come from WORKER_PORTAL_ROUTES, never
 * hand-typed. The token lives in sessionStorage (gone when the tab closes, as on a shared phone
 * it should be) and is sent as a bearer header, never in a URL.
 */
export class PortalClient {
  private token: string | null = sessionStorage.getItem(TOKEN_KEY);

  get signedIn(): boolean {
    return this.token !== null;
  }

  setToken(token: string | null): void {
    this.token = token;
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  }

  async call<M extends WorkerPortalMethod>(method: M, ...args: undefined extends Params<M> ? [Params<M>?] : [Params<M>]): Promise<Result<M>> {
    const spec = WORKER_PORTAL_ROUTES[method];
    const { path, rest } = fillRoutePath(spec.path, args[0] as Record<string, unknown> | undefined);
    const headers: Record<string, string> = {};
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let url = path;
    let body: string | undefined;
    if (spec.verb === 'POST') {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(rest);
    } else if (Object.keys(rest).length > 0) {
      url += `?${new URLSearchParams(rest as Record<string, string>).toString()}`;
    }
    let response: Response;
    try {
      response = await fetch(url, { method: spec.verb, headers, body });
    } catch {
      throw new ApiError('internal', 'network');
    }
    const json = (await response.json().catch(() => null)) as unknown;
    if (!response.ok) {
      const e = json as ApiErrorBody | null;
      if (response.status === 401 && spec.auth) this.setToken(null);
      throw new ApiError(e?.code ?? 'internal', e?.error ?? `HTTP ${response.status}`, e?.field);
    }
    return json as Result<M>;
  }
}
