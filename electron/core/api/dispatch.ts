import { API_ROUTES, ApiError, type ApiMethod } from '../../common/api.js';
import type { AuthService } from '../auth/auth-service.js';
import type { Logger } from '../log/logger.js';
import type { ApiHandlers } from './handlers.js';
import { PARAM_SCHEMAS } from './param-schemas.js';

/**
 * One entry point for every transport: authenticate, validate, call the handler, and turn any
 * unexpected failure into an `internal` ApiError (logged with its stack, not sent to the client).
 */
export async function dispatchApiCall(
  handlers: ApiHandlers,
  auth: AuthService,
  log: Logger,
  method: ApiMethod,
  rawParams: unknown,
  token: string | null,
  address?: string,
): Promise<unknown> {
  const route = API_ROUTES[method];
  const caller = auth.authenticate(token);
  if (route.auth && !caller) throw new ApiError('unauthorized', token ? 'session expired or unknown; log in again' : 'log in first (missing bearer token)');
  const roles: readonly string[] | undefined = 'roles' in route ? route.roles : undefined;
  if (roles && caller && !roles.includes(caller.role)) {
    throw new ApiError('forbidden', `${caller.role} may not do this (needs ${roles.join(' or ')})`);
  }
  const parsed = PARAM_SCHEMAS[method].safeParse(rawParams);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    throw new ApiError('bad-request', `${field ? field + ': ' : ''}${issue?.message ?? 'invalid request'}`, field);
  }
  try {
    const handler = handlers[method] as (params: unknown, context: { caller: typeof caller; token: string | null; address?: string }) => Promise<unknown>;
    return await handler(parsed.data, { caller, token, address });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    log.error('API call failed', { method, error, stack: (error as Error).stack });
    throw new ApiError('internal', 'internal error; see the core log');
  }
}
