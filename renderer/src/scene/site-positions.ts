import type { EnuPosition } from '../../../electron/common/site.js';
import type { SiteModel } from '../../../electron/common/site-model.js';

/**
 * Where an alarm source or selectable thing stands on the site, ENU metres (ground level of a
 * device, the centre of a zone or building): the anchor for pulses and the selection mark.
 */
export function sourcePositions(model: SiteModel): Map<string, EnuPosition> {
  const out = new Map<string, EnuPosition>();
  const centre = (points: readonly { e: number; n: number }[]): EnuPosition => {
    let e = 0;
    let n = 0;
    for (const p of points) {
      e += p.e;
      n += p.n;
    }
    return { e: e / Math.max(points.length, 1), n: n / Math.max(points.length, 1), u: 0 };
  };
  for (const zone of model.zones) out.set(zone.id, centre(zone.polygon));
  for (const building of model.buildings) out.set(building.id, centre(building.footprint));
  for (const device of model.devices) out.set(device.id, device.position);
  for (const crane of model.cranes) out.set(crane.id, crane.base);
  for (const hoist of model.hoists) out.set(hoist.id, hoist.base);
  for (const camera of model.cameras) out.set(camera.id, { ...camera.position, u: 0 });
  return out;
}
