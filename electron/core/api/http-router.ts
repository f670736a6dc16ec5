import { API_ROUTES, type ApiMethod, type RouteSpec } from '../../common/api.js';

interface CompiledRoute {
  method: ApiMethod;
  verb: RouteSpec['verb'];
  pattern: RegExp;
  names: string[];
}

/** Routes compiled from the contract's table, so a new API method needs no router edit. */
const COMPILED: CompiledRoute[] = (Object.entries(API_ROUTES) as [ApiMethod, RouteSpec][]).map(([method, spec]) => {
  const names: string[] = [];
  const source = spec.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { method, verb: spec.verb, pattern: new RegExp(`^${source}$`), names };
});

export type RouteMatch = { method: ApiMethod; pathParams: Record<string, string> } | { notAllowed: true } | null;

export function matchApiRoute(verb: string, pathname: string): RouteMatch {
  let pathMatched = false;
  for (const route of COMPILED) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    pathMatched = true;
    if (route.verb !== verb) continue;
    const pathParams = decodeParams(route.names, m);
    // A segment that is not percent-encoded UTF-8 (`%zz`, `%ED%A0%80`) names nothing: not found.
    if (!pathParams) return null;
    return { method: route.method, pathParams };
  }
  return pathMatched ? { notAllowed: true } : null;
}

/**
 * Path parameters decoded from their percent-encoding (RFC 3986 §2.1), or null when one is not
 * valid UTF-8: `decodeURIComponent` throws a URIError there, which would otherwise be a 500.
 */
function decodeParams(names: string[], m: RegExpExecArray): Record<string, string> | null {
  const pathParams: Record<string, string> = {};
  for (const [i, name] of names.entries()) {
    try {
      pathParams[name] = decodeURIComponent(m[i + 1] ?? '');
    } catch {
      return null;
    }
  }
  return pathParams;
}
