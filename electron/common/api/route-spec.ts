import type { UserRole } from './auth.js';
import { ApiError } from './errors.js';

/** How one API method is reached over HTTP; each area's route entries are checked against it. */
export interface RouteSpec {
  verb: 'GET' | 'POST' | 'DELETE';
  /** Path with `:name` segments that fill the parameter object's fields of the same name. */
  path: string;
  /** Whether a session token is required (true unless stated). */
  auth: boolean;
  /** Roles allowed; absent = any logged-in user (finer checks, e.g. alarm actions, are in the core). */
  roles?: readonly UserRole[];
}

/** Fills `:name` segments of a route path from the parameter object; returns the path and the rest. */
export function fillRoutePath(path: string, params: Record<string, unknown> | undefined): { path: string; rest: Record<string, unknown> } {
  const rest: Record<string, unknown> = { ...(params ?? {}) };
  const filled = path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = rest[name];
    delete rest[name];
    if (value === undefined || value === null || value === '') throw new ApiError('bad-request', `missing ${name}`, name);
    return encodeURIComponent(String(value));
  });
  return { path: filled, rest };
}
