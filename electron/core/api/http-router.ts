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
    const pathParams: Record<string, string> = {};
    route.names.forEach((name, i) => {
      pathParams[name] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { method: route.method, pathParams };
  }
  return pathMatched ? { notAllowed: true } : null;
}
