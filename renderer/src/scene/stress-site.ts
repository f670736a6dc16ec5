import type { Alarm } from '../../../electron/common/alarms.js';
import type { SiteModel } from '../../../electron/common/site-model.js';
import { CRANE_LEVELS } from '../../../electron/common/crane-moment-bands.js';
import { AlarmIndex, liveSource } from './live-source.js';
import type { LiveSiteSource } from './scene-extension.js';

/** Size of the benchmark's stress site (the figures). */
export const STRESS = { cranes: 20, sensors: 200, workers: 2000, cameras: 50, pulses: 10 } as const;

/**
 * A generated site far busier than any real one, for the render benchmark: 20 cranes in a grid
 * with overlapping reaches, 200 dust monitors, 50 cameras, 2,000 workers, 10 unacknowledged alarms.
 */
export function stressSiteModel(): SiteModel {
  const cranes: SiteModel['cranes'] = [];
  for (let i = 0; i < STRESS.cranes; i++) {
    const e = -200 + (i % 5) * 100;
    const n = -120 + Math.floor(i / 5) * 80;
    cranes.push({ id: `s-crane-${i}`, name: `${i + 1}# 塔吊`, base: { e, n, u: 0 }, towerHeightM: 40 + (i % 3) * 10, jibLengthM: 55, counterJibLengthM: 14, levels: { ...CRANE_LEVELS } });
  }
  const devices: SiteModel['devices'] = cranes.map((c) => ({ id: c.id, kind: 'crane', name: c.name, position: c.base }));
  for (let i = 0; i < STRESS.sensors; i++) {
    const angle = (i / STRESS.sensors) * Math.PI * 2;
    devices.push({ id: `s-dust-${i}`, kind: 'dust', name: `D${i + 1}`, position: { e: Math.cos(angle) * 280, n: Math.sin(angle) * 200, u: 0 } });
  }
  const cameras: SiteModel['cameras'] = [];
  for (let i = 0; i < STRESS.cameras; i++) {
    const angle = (i / STRESS.cameras) * Math.PI * 2;
    cameras.push({ id: `s-cam-${i}`, name: `C${i + 1}`, position: { e: Math.cos(angle) * 260, n: Math.sin(angle) * 185, u: 8 }, headingDeg: (270 - (angle * 180) / Math.PI + 360) % 360, pitchDeg: 15, fovDeg: 80 });
  }
  const buildings: SiteModel['buildings'] = [];
  for (let i = 0; i < 6; i++) {
    const e = -170 + (i % 3) * 130;
    const n = -70 + Math.floor(i / 3) * 120;
    buildings.push({ id: `s-b-${i}`, name: `${String.fromCharCode(65 + i)}栋`, footprint: [{ e, n }, { e: e + 40, n }, { e: e + 40, n: n + 30 }, { e, n: n + 30 }], floorHeightM: 3, plannedFloors: 25, completedFloors: 5 + i * 3 });
  }
  return {
    siteId: 'stress',
    name: 'Stress site',
    origin: null,
    boundary: [{ e: -300, n: -220 }, { e: 300, n: -220 }, { e: 300, n: 220 }, { e: -300, n: 220 }],
    buildings,
    zones: [{ id: 's-z-1', name: 'Danger', kind: 'danger', polygon: [{ e: -280, n: 150 }, { e: -220, n: 150 }, { e: -220, n: 200 }, { e: -280, n: 200 }], heightM: 2 }],
    cranes,
    hoists: [],
    devices,
    cameras,
    panoramaPoints: [],
    gltf: null,
  };
}

/**
 * Live readings for the stress site at 1 Hz: every crane slews and every monitor reports once a
 * second, each as its own notification, the way SiteState reports a burst of readings.
 */
export function stressLiveSource(model: SiteModel): { live: LiveSiteSource; stop: () => void } {
  const values = new Map<string, Record<string, unknown>>();
  const listeners = new Set<(what: 'telemetry' | 'alarms' | 'workers') => void>();
  const alarms = new AlarmIndex();
  const now = Date.now();
  alarms.load(
    model.devices.slice(STRESS.cranes, STRESS.cranes + STRESS.pulses).map(
      (d, i) =>
        ({ id: `a${i}`, conditionKey: `${d.id}:pm10:x`, sourceDevice: d.id, priority: i % 2 ? 'medium' : 'high', state: 'unack-active', conditionActive: true, shelved: null, suppressed: null, outOfService: null, activatedAt: now }) as unknown as Alarm,
    ),
  );
  let tick = 0;
  const step = () => {
    tick++;
    model.cranes.forEach((c, i) => {
      const momentPct = 60 + ((tick * 3 + i * 11) % 60);
      values.set(c.id, { slewDeg: (tick * 6 + i * 37) % 360, radiusM: 10 + ((tick + i) % 40), heightM: 20 + ((tick * 2 + i) % 20), momentPct, loadT: 2 + (i % 5), ratedLoadT: 8, windMs: 4, tiltDeg: 0.1 });
      listeners.forEach((l) => l('telemetry'));
    });
    for (const d of model.devices) {
      if (d.kind !== 'dust') continue;
      values.set(d.id, { pm10: 40 + ((tick * 7 + d.id.length * 13) % 90), pm25: 30 });
      listeners.forEach((l) => l('telemetry'));
    }
  };
  step();
  const timer = setInterval(step, 1000);
  const live = liveSource({
    values: (id) => values.get(id),
    workersOnSite: () => STRESS.workers,
    alarms,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });
  return { live, stop: () => clearInterval(timer) };
}

/** An empty site (ground only): the benchmark's baseline. */
export function emptySiteModel(): SiteModel {
  return { siteId: 'empty', name: 'Empty', origin: null, boundary: null, buildings: [], zones: [], cranes: [], hoists: [], devices: [], cameras: [], panoramaPoints: [], gltf: null };
}
