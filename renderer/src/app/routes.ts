import { useEffect, useState } from 'react';

/** Top-level views, reachable by hash so a wall screen can be pointed at one with a URL. */
export const VIEWS = ['overview', 'alarms', 'cameras', 'site3d', 'gis', 'panoramas', 'devices', 'workforce', 'statistics', 'progress', 'quality', 'reports', 'screen'] as const;
export type ViewName = (typeof VIEWS)[number];

export interface Route {
  view: ViewName;
  /** The rest of the path, e.g. an alarm id in `#/alarms/ID`. */
  param: string | null;
}

export function parseHash(hash: string): Route {
  const [view, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const known = (VIEWS as readonly string[]).includes(view ?? '') ? (view as ViewName) : 'overview';
  const param = rest.length ? decodeURIComponent(rest.join('/')) : null;
  return { view: known, param };
}

export function navigate(view: ViewName, param?: string): void {
  window.location.hash = param ? `#/${view}/${encodeURIComponent(param)}` : `#/${view}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
