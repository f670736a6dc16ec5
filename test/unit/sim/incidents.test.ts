import { describe, expect, it } from 'vitest';
import { CRANE_LEVELS } from '../../../electron/common/crane-moment-bands.js';
import type { DeviceKind } from '../../../electron/common/device-kinds.js';
import type { TelemetryRecord } from '../../../electron/common/telemetry.js';
import { AlarmEngine } from '../../../electron/core/alarms/alarm-engine.js';
import { AntiCollisionMonitor } from '../../../electron/core/alarms/anti-collision-monitor.js';
import { DUST_PRESETS } from '../../../electron/core/alarms/rules/dust-presets.js';
import { evaluateOffline } from '../../../electron/core/alarms/rules/offline.js';
import { SiteRules } from '../../../electron/core/alarms/rules/site-rules.js';
import { demoSiteDir } from '../../../electron/core/app-paths.js';
import { loadSiteDirectory } from '../../../electron/core/config/load-site.js';
import type { SiteConfig } from '../../../electron/core/config/site-schema.js';
import { OFFLINE_AFTER_INTERVALS } from '../../../electron/core/devices/device-states.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { dustStateAt } from '../../../electron/core/sim/dust-model.js';
import { ratedMomentOf } from '../../../electron/core/sim/incidents/crane-moment.js';
import type { IncidentId } from '../../../electron/core/sim/incidents/incident.js';
import { castIncidents } from '../../../electron/core/sim/incidents/incident-cast.js';
import { IncidentPlayer } from '../../../electron/core/sim/incidents/incident-player.js';
import { DEFAULT_INCIDENT_SCHEDULE, incidentAt, planCycle, type IncidentScheduleOptions } from '../../../electron/core/sim/incidents/incident-schedule.js';
import { seededRandom } from '../../../electron/core/sim/random.js';

const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });
const demo = (): SiteConfig => loadSiteDirectory(demoSiteDir()).site;
/** 2026-06-02 10:00 Asia/Shanghai: daytime, so noise limits are the day ones. */
const T0 = Date.UTC(2026, 5, 2, 2, 0, 0);

describe('the demo incident schedule', () => {
  it('plays the first incident between 60 and 90 s after start, the crane first', () => {
    expect(DEFAULT_INCIDENT_SCHEDULE.firstAtS).toBeGreaterThanOrEqual(60);
    expect(DEFAULT_INCIDENT_SCHEDULE.firstAtS).toBeLessThanOrEqual(90);
    const plan = planCycle(castIncidents(demo()), DEFAULT_INCIDENT_SCHEDULE);
    expect(plan.cycle[0]).toMatchObject({ startS: DEFAULT_INCIDENT_SCHEDULE.firstAtS });
    expect(plan.cycle[0]!.incident.id).toBe('crane-moment');
    expect(incidentAt(plan, DEFAULT_INCIDENT_SCHEDULE.firstAtS, DEFAULT_INCIDENT_SCHEDULE.firstAtS - 1)).toBeNull();
    expect(incidentAt(plan, DEFAULT_INCIDENT_SCHEDULE.firstAtS, DEFAULT_INCIDENT_SCHEDULE.firstAtS)?.incident.id).toBe('crane-moment');
  });

  it('casts all five incidents on the demo site, on devices its recording cameras watch where it can', () => {
    const incidents = castIncidents(demo());
    expect(Object.fromEntries(incidents.map((i) => [i.id, i.devices]))).toEqual({
      'crane-moment': ['crane-1'],
      'hoist-door': ['hoist-1'],
      'crane-approach': ['crane-1', 'crane-2'],
      'dust-wind': ['dust-1'],
      'device-offline': ['crane-2'],
    });
  });

  it('runs one incident at a time with the gap between them, and cycles', () => {
    const plan = planCycle(castIncidents(demo()), DEFAULT_INCIDENT_SCHEDULE);
    expect(plan.cycle.map((s) => s.incident.id)).toEqual(DEFAULT_INCIDENT_SCHEDULE.order);
    for (let i = 1; i < plan.cycle.length; i++) expect(plan.cycle[i]!.startS - plan.cycle[i - 1]!.endS).toBe(DEFAULT_INCIDENT_SCHEDULE.gapS);
    // Every few minutes: no calm longer than the gap inside a cycle, and the cycle repeats.
    const first = DEFAULT_INCIDENT_SCHEDULE.firstAtS;
    const again = incidentAt(plan, first, first + plan.cycleS + 10);
    expect(again).toMatchObject({ tS: 10, startS: first + plan.cycleS });
    expect(again?.incident.id).toBe('crane-moment');
    const calm = plan.cycle[0]!.endS + 1;
    expect(incidentAt(plan, first, calm)).toBeNull();
  });

  it('leaves out incidents the site has no devices for', () => {
    const site = demo();
    site.devices = site.devices.filter((d) => d.kind === 'dust');
    const plan = planCycle(castIncidents(site), { ...DEFAULT_INCIDENT_SCHEDULE, firstAtS: 5 });
    expect(plan.cycle.map((s) => s.incident.id)).toEqual(['dust-wind', 'device-offline']);
    expect(plan.cycle[0]!.startS).toBe(5);
  });

  it('reads the crane’s rated moment back from its readings', () => {
    expect(ratedMomentOf({ loadT: 2.5, radiusM: 25, momentPct: 20, ratedLoadT: 8 })).toBeCloseTo(312.5, 6);
  });
});

/** Base readings as the demo's models make them: normal, far from every limit. */
function baseReading(kind: DeviceKind, deviceId: string, t: number, random: () => number): Record<string, unknown> | null {
  switch (kind) {
    case 'crane':
      // Load 2.1 t + hook 0.35 t at 20 m, rated moment 312.5 t·m; the two cranes slewed apart.
      return { loadT: 2.45, ratedLoadT: 8, momentPct: 15.7, radiusM: 20, heightM: 30, slewDeg: deviceId === 'crane-1' ? 200 : 20, windMs: 5, tiltDeg: 0.15 };
    case 'hoist':
      return { loadKg: 600, ratedLoadKg: 2000, people: 4, ratedPeople: 9, floor: 3, heightM: 9, speedMs: 0, doorOpen: true, tiltDeg: 0.05 };
    case 'dust':
      return { ...dustStateAt(t, 0, random) };
    default:
      return null;
  }
}

/**
 * Plays the demo site through the real alarm rules and engine (clock injected) from `fromS` to
 * `toS`, with the incident player shaping readings as the simulator does. Returns the condition
 * keys that activated and those still active at the end.
 */
function playThroughRules(site: SiteConfig, schedule: IncidentScheduleOptions, fromS: number, toS: number) {
  const player = new IncidentPlayer(site, schedule, quiet);
  const rules = new SiteRules({ timeZone: site.timeZone, defaultDust: { preset: site.alarms.dustPreset } });
  const antiCollision = new AntiCollisionMonitor(site.devices, site.alarms.craneSafetyDistanceM);
  const engine = new AlarmEngine({ newId: (() => { let n = 0; return () => `a${++n}`; })() });
  const random = seededRandom(7);
  const lastHeard = new Map<string, number>();
  const activated = new Set<string>();
  const devices = site.devices.filter((d) => d.kind !== 'gate');
  for (let t = fromS; t <= toS; t++) {
    const now = T0 + t * 1000;
    for (const d of devices) {
      if (t % d.expectedIntervalS !== 0) continue;
      const base = baseReading(d.kind, d.id, t, random);
      const shaped = base && player.shape(d.id, base, t);
      if (!shaped) continue;
      lastHeard.set(d.id, now);
      const record = { deviceId: d.id, kind: d.kind, ts: now, values: shaped } as unknown as TelemetryRecord;
      const evaluations = rules.evaluate(record);
      if (d.kind === 'crane') evaluations.push(...antiCollision.update(record as TelemetryRecord<'crane'>, now));
      for (const e of engine.evaluate(evaluations, now)) if (e.type === 'activated') activated.add(e.conditionKey);
    }
    for (const e of engine.tick(now)) if (e.type === 'activated') activated.add(e.conditionKey);
    const offline = devices.map((d) => evaluateOffline(d.id, d.kind, lastHeard.get(d.id) ?? null, d.expectedIntervalS * 1000, now, T0 + fromS * 1000));
    for (const e of engine.evaluate(offline, now)) if (e.type === 'activated') activated.add(e.conditionKey);
  }
  const active = engine.alarms().filter((a) => a.conditionActive).map((a) => a.conditionKey);
  return { activated: [...activated].sort(), active: active.sort(), engine };
}

/** The demo schedule with one incident only, starting after `warmS` seconds of normal readings. */
function only(id: IncidentId, warmS: number): IncidentScheduleOptions {
  return { firstAtS: warmS, gapS: 10_000, order: [id] };
}

function durationOf(id: IncidentId): number {
  return castIncidents(demo()).find((i) => i.id === id)!.durationS;
}

describe('each incident’s readings cross the real alarm thresholds, and recover', () => {
  it('crane moment: through pre-warning, over rated and the latched 110 % cut-off; the cut-off stays until reset', () => {
    const site = demo();
    const { activated, active, engine } = playThroughRules(site, only('crane-moment', 10), 0, 10 + durationOf('crane-moment') + 30);
    for (const level of ['warning', 'overload', 'cutoff']) {
      expect(activated).toContain(`crane-1:moment:${level}`);
      expect(activated).toContain(`crane-1:load:${level}`);
    }
    expect(active).toEqual([]);
    const cutoff = engine.byConditionKey('crane-1:moment:cutoff')!;
    expect(cutoff.peakValue).toBeGreaterThanOrEqual(CRANE_LEVELS.cutoffPct);
    expect(cutoff.latched).toBe(true);
    // Latched: the condition is over, the alarm waits for a person to acknowledge and reset it.
    expect(cutoff.conditionActive).toBe(false);
    expect(cutoff.state).toBe('unack-active');
  });

  it('crane approach: the pair comes inside the safety distance (critical) and clears again', () => {
    const site = demo();
    const { activated, active, engine } = playThroughRules(site, only('crane-approach', 10), 0, 10 + durationOf('crane-approach') + 30);
    expect(activated).toEqual(['crane-1~crane-2:collision:critical', 'crane-1~crane-2:collision:warning']);
    expect(active).toEqual([]);
    expect(engine.byConditionKey('crane-1~crane-2:collision:critical')!.limit).toBe(site.alarms.craneSafetyDistanceM);
  });

  it('hoist door open while moving: the critical door alarm, nothing else', () => {
    const { activated, active } = playThroughRules(demo(), only('hoist-door', 10), 0, 10 + durationOf('hoist-door') + 20);
    expect(activated).toEqual(['hoist-1:door-open-moving']);
    expect(active).toEqual([]);
  });

  it('dust with wind: the 5-minute TSP mean goes over the site’s limit, then back under', () => {
    const site = demo();
    expect(site.alarms.dustPreset).toBe('liaoning-tsp-5min');
    const limit = DUST_PRESETS['liaoning-tsp-5min'].limits[0];
    // Five minutes of normal air fill the window first, as in the demo (the dust incident comes fourth).
    const { activated, active, engine } = playThroughRules(site, only('dust-wind', 300), 0, 300 + durationOf('dust-wind') + 300);
    expect(activated).toEqual([`dust-1:${limit.id}`]);
    expect(engine.byConditionKey(`dust-1:${limit.id}`)!.peakValue).toBeGreaterThan(limit.limit);
    expect(active).toEqual([]);
  });

  it('device offline: silent for longer than its offline limit, then reporting again', () => {
    const site = demo();
    const crane2 = site.devices.find((d) => d.id === 'crane-2')!;
    expect(durationOf('device-offline')).toBeGreaterThan(OFFLINE_AFTER_INTERVALS * crane2.expectedIntervalS);
    const { activated, active } = playThroughRules(site, only('device-offline', 10), 0, 10 + durationOf('device-offline') + 10);
    expect(activated).toEqual(['crane-2:offline']);
    expect(active).toEqual([]);
  });

  it('the whole default cycle raises each incident’s alarms and nothing in the calm between', () => {
    const site = demo();
    const plan = planCycle(castIncidents(site), DEFAULT_INCIDENT_SCHEDULE);
    const { activated } = playThroughRules(site, DEFAULT_INCIDENT_SCHEDULE, 0, DEFAULT_INCIDENT_SCHEDULE.firstAtS + plan.cycleS);
    const devicesOf = new Set(activated.map((k) => k.split(':')[0]));
    expect([...devicesOf].sort()).toEqual(['crane-1', 'crane-1~crane-2', 'crane-2', 'dust-1', 'hoist-1']);
  });
});
