import type { SiteEntry, SitesReply } from '../../common/api.js';

/**
 * Authority → enterprises → projects. Enterprises keep the order in which the site file first
 * names them (the file's author chose it), projects their order within the file; the enterprise
 * holding this site comes first, so the operator finds their own entry at the top.
 */
export function groupSites(authority: string | null | undefined, entries: readonly SiteEntry[]): SitesReply {
  const byEnterprise = new Map<string, SiteEntry[]>();
  for (const entry of entries) {
    const list = byEnterprise.get(entry.enterprise);
    if (list) list.push(entry);
    else byEnterprise.set(entry.enterprise, [entry]);
  }
  const enterprises = [...byEnterprise.entries()].map(([name, projects]) => ({ name, projects }));
  const own = enterprises.findIndex((e) => e.projects.some((p) => p.self));
  if (own > 0) enterprises.unshift(...enterprises.splice(own, 1));
  return { authority: authority ?? null, enterprises };
}
