import { ALARM_PRIORITIES, type AlarmPriority } from '../../../electron/common/alarms.js';
import type { SiteEntry, SiteLiveStatus, SitesReply } from '../../../electron/common/api.js';

/** Pure helpers over the federation tree (`listSites()`); no Cesium, no DOM. */

/** Every project of the tree, in the tree's order. */
export function flattenSites(reply: SitesReply | null): SiteEntry[] {
  return reply ? reply.enterprises.flatMap((e) => e.projects) : [];
}

export function findSite(reply: SitesReply | null, id: string | null): SiteEntry | null {
  if (!id) return null;
  return flattenSites(reply).find((p) => p.id === id) ?? null;
}

/** The highest priority with an annunciated alarm, or null: what a marker's colour shows. */
export function worstPriority(live: SiteLiveStatus | null): AlarmPriority | null {
  if (!live) return null;
  return ALARM_PRIORITIES.find((p) => live.alarmsByPriority[p] > 0) ?? null;
}

/** Shape doubling each priority's colour, so a colour-blind operator reads it too (ISA-101): the alarm list's shapes. */
export { PRIORITY_SHAPE } from '../../../electron/common/alarms.js';

/**
 * A lat/lon box around every project, padded so that markers at the edge stay clear of it: at
 * least `minSpanDeg` wide and high (one project alone would otherwise give a zero-size box).
 */
export function sitesBounds(
  sites: readonly Pick<SiteEntry, 'latDeg' | 'lonDeg'>[],
  minSpanDeg = 0.05,
): { west: number; south: number; east: number; north: number } | null {
  if (sites.length === 0) return null;
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (const s of sites) {
    west = Math.min(west, s.lonDeg);
    east = Math.max(east, s.lonDeg);
    south = Math.min(south, s.latDeg);
    north = Math.max(north, s.latDeg);
  }
  const padLon = Math.max((east - west) * 0.25, (minSpanDeg - (east - west)) / 2, 0);
  const padLat = Math.max((north - south) * 0.25, (minSpanDeg - (north - south)) / 2, 0);
  return {
    west: Math.max(-180, west - padLon),
    east: Math.min(180, east + padLon),
    south: Math.max(-90, south - padLat),
    north: Math.min(90, north + padLat),
  };
}
