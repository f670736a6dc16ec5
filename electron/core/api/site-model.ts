import type { SiteModel } from '../../common/site-model.js';
import { craneLevels } from '../../common/crane-moment-bands.js';
import { craneRulesFor } from '../alarms/rules/crane.js';
import type { SiteConfig } from '../config/site-schema.js';

/** The site file's geometry as the views need it: positioned devices only, defaults filled in. */
export function buildSiteModel(site: SiteConfig): SiteModel {
  const placed = site.devices.filter((d) => d.position);
  return {
    siteId: site.id,
    name: site.name,
    origin: site.origin ? { latDeg: site.origin.latDeg, lonDeg: site.origin.lonDeg, heightM: site.origin.heightM } : null,
    boundary: site.model.boundary ?? null,
    buildings: site.model.buildings,
    zones: site.model.zones,
    cranes: placed
      .filter((d) => d.kind === 'crane' && d.crane)
      .map((d) => ({ id: d.id, name: d.name, base: d.position!, towerHeightM: d.crane!.towerHeightM, jibLengthM: d.crane!.jibLengthM, counterJibLengthM: d.crane!.counterJibLengthM, levels: craneLevels(craneRulesFor(site.alarms.cranes?.[d.id])) })),
    hoists: placed
      .filter((d) => d.kind === 'hoist')
      .map((d) => ({ id: d.id, name: d.name, base: d.position!, mastHeightM: d.hoist?.mastHeightM ?? 60, floorHeightM: d.hoist?.floorHeightM ?? 3 })),
    devices: placed.map((d) => ({ id: d.id, kind: d.kind, name: d.name, position: d.position! })),
    cameras: site.cameras
      .filter((c) => c.position)
      .map((c) => ({ id: c.id, name: c.name, position: c.position!, headingDeg: c.headingDeg ?? 0, pitchDeg: c.pitchDeg ?? 0, fovDeg: c.fovDeg ?? 60 })),
    panoramaPoints: (site.panoramas?.points ?? []).map((p) => ({ id: p.id, name: p.name, position: p.position })),
    gltf: site.model.gltf ? { url: `/api/media/model/${encodeURIComponent(site.model.gltf.file)}`, scale: site.model.gltf.scale, headingDeg: site.model.gltf.headingDeg } : null,
  };
}
