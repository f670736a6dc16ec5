import type { Incident, IncidentId } from './incident.js';

/**
 * When the demo plays its incidents: the first `firstAtS` seconds after the simulator starts (so a
 * newcomer who runs `npm start` sees the alarm workflow within two minutes), then one after
 * another with `gapS` of calm between the end of one and the start of the next, in `order`,
 * cycling for as long as the demo runs.
 */
export interface IncidentScheduleOptions {
  firstAtS: number;
  gapS: number;
  order: readonly IncidentId[];
}

/**
 * The demo's schedule: the crane first (the most telling: a latched cut-off, its hook camera's
 * clip), then the hoist door, the crane approach, the dust with wind and a device offline; two
 * minutes of calm between incidents. With the default durations a cycle is about 18 minutes.
 */
export const DEFAULT_INCIDENT_SCHEDULE: IncidentScheduleOptions = Object.freeze({
  firstAtS: 75,
  gapS: 120,
  order: Object.freeze(['crane-moment', 'hoist-door', 'crane-approach', 'dust-wind', 'device-offline'] as const),
});

/** One incident placed in time, seconds from the simulator's start. */
export interface ScheduledIncident {
  incident: Incident;
  startS: number;
  endS: number;
}

/**
 * The incidents of one cycle with their start and end times (the ones the site has no devices for
 * are left out), and the cycle's length: the schedule repeats every `cycleS` from `firstAtS`.
 */
export function planCycle(incidents: readonly Incident[], options: IncidentScheduleOptions): { cycle: ScheduledIncident[]; cycleS: number } {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const cycle: ScheduledIncident[] = [];
  let at = 0;
  for (const id of options.order) {
    const incident = byId.get(id);
    if (!incident) continue;
    cycle.push({ incident, startS: options.firstAtS + at, endS: options.firstAtS + at + incident.durationS });
    at += incident.durationS + options.gapS;
  }
  return { cycle, cycleS: at };
}

/** The incident running `elapsedS` seconds after the start and how far into it, or null when all is calm. */
export function incidentAt(
  plan: { cycle: readonly ScheduledIncident[]; cycleS: number },
  firstAtS: number,
  elapsedS: number,
): { incident: Incident; tS: number; startS: number } | null {
  if (elapsedS < firstAtS || plan.cycleS <= 0) return null;
  const cycles = Math.floor((elapsedS - firstAtS) / plan.cycleS);
  const inCycle = elapsedS - cycles * plan.cycleS;
  for (const s of plan.cycle) {
    if (inCycle >= s.startS && inCycle < s.endS) return { incident: s.incident, tS: inCycle - s.startS, startS: s.startS + cycles * plan.cycleS };
  }
  return null;
}
