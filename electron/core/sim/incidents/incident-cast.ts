import { reachesOverlap } from '../../../common/geometry/index.js';
import type { DeviceConfig, SiteConfig } from '../../config/site-schema.js';
import { craneApproachIncident } from './crane-approach.js';
import { craneMomentIncident } from './crane-moment.js';
import { dustWindIncident } from './dust-wind.js';
import { deviceOfflineIncident } from './device-offline.js';
import { hoistDoorIncident } from './hoist-door.js';
import type { Incident } from './incident.js';

/** TSP the dust incident climbs to, µg/m³: about twice the strictest short-window limit (DB21/2642-2016: 800). */
const DUST_PEAK_TSP = 1500;

/**
 * Which of the site's devices play which incident. Devices a recording camera watches come first,
 * so each alarm arrives with its evidence clip; monitors reporting over HJ 212 are left out (the
 * simulator's HJ 212 client sends its own frames). An incident the site has no device for is skipped.
 */
export function castIncidents(site: SiteConfig): Incident[] {
  const watched = new Set(site.cameras.filter((c) => c.recording).flatMap((c) => c.linkedDevices ?? []));
  const byWatch = (a: DeviceConfig, b: DeviceConfig) => Number(watched.has(b.id)) - Number(watched.has(a.id));
  const mqtt = site.devices.filter((d) => !d.hj212);
  const cranes = mqtt.filter((d) => d.kind === 'crane' && d.crane).sort(byWatch);
  const out: Incident[] = [];

  const crane = cranes[0];
  if (crane?.crane) out.push(craneMomentIncident(crane.id, crane.crane.jibLengthM));

  const hoist = mqtt.filter((d) => d.kind === 'hoist').sort(byWatch)[0];
  if (hoist) out.push(hoistDoorIncident(hoist.id, hoist.hoist?.floorHeightM ?? 3));

  const pair = approachPair(cranes, site.alarms.craneSafetyDistanceM);
  if (pair) out.push(craneApproachIncident(pair[0], pair[1], 0.6 * site.alarms.craneSafetyDistanceM));

  const dust = mqtt.filter((d) => d.kind === 'dust').sort(byWatch)[0];
  if (dust) out.push(dustWindIncident(dust.id, DUST_PEAK_TSP));

  // Offline: a crane other than the one that overloads (a silent safety monitor is a high-priority
  // alarm), else the last-listed hoist or monitor.
  const offline = cranes.find((d) => d !== crane) ?? [...mqtt].reverse().find((d) => d.kind === 'hoist' || d.kind === 'dust');
  if (offline) out.push(deviceOfflineIncident(offline.id, offline.expectedIntervalS));
  return out;
}

/** Two cranes whose reach overlaps, the taller first; null when the site has none. */
function approachPair(cranes: readonly DeviceConfig[], safetyDistanceM: number) {
  for (let i = 0; i < cranes.length; i++) {
    for (let j = i + 1; j < cranes.length; j++) {
      const a = asCrane(cranes[i]!);
      const b = asCrane(cranes[j]!);
      if (!a || !b || a.towerHeightM === b.towerHeightM) continue;
      if (!reachesOverlap({ base: a.base, geometry: a.geometry }, { base: b.base, geometry: b.geometry }, 2 * safetyDistanceM)) continue;
      return a.towerHeightM > b.towerHeightM ? ([a, b] as const) : ([b, a] as const);
    }
  }
  return null;
}

function asCrane(d: DeviceConfig) {
  if (!d.crane || !d.position) return null;
  return { id: d.id, base: d.position, towerHeightM: d.crane.towerHeightM, jibLengthM: d.crane.jibLengthM, geometry: d.crane };
}
