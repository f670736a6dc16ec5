import type { SiteConfig } from '../../config/site-schema.js';
import type { Logger } from '../../log/logger.js';
import { castIncidents } from './incident-cast.js';
import { incidentAt, planCycle, type IncidentScheduleOptions, type ScheduledIncident } from './incident-schedule.js';

/**
 * Plays the demo's incident schedule over the simulator's readings: every reading passes through
 * `shape`, which hands it back unchanged, changed (the incident's reading) or null (not sent).
 */
export class IncidentPlayer {
  private readonly plan: { cycle: ScheduledIncident[]; cycleS: number };
  private announcedStartS = -1;

  constructor(
    site: SiteConfig,
    private readonly options: IncidentScheduleOptions,
    private readonly log: Logger,
  ) {
    this.plan = planCycle(castIncidents(site), options);
    this.log.info('demo incidents scheduled', {
      firstAtS: options.firstAtS,
      cycleS: this.plan.cycleS,
      incidents: this.plan.cycle.map((s) => `${s.incident.id}@${s.startS}s`).join(', '),
    });
  }

  shape(deviceId: string, reading: Record<string, unknown>, elapsedS: number): Record<string, unknown> | null {
    const now = incidentAt(this.plan, this.options.firstAtS, elapsedS);
    if (!now || !now.incident.devices.includes(deviceId)) return reading;
    if (now.startS !== this.announcedStartS) {
      this.announcedStartS = now.startS;
      this.log.info('demo incident', { incident: now.incident.id, devices: now.incident.devices.join(', ') });
    }
    return now.incident.shape(deviceId, reading, now.tS);
  }
}
