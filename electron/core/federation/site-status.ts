import { ALARM_PRIORITIES, isAnnunciated, isUnacknowledged, type Alarm, type AlarmPriority } from '../../common/alarms.js';
import type { SiteLiveStatus } from '../../common/api.js';
import type { DeviceView } from '../../common/site.js';

/** What one site's live status is computed from: its alarms, its devices and its worker count. */
export interface SiteStatusInputs {
  alarms: readonly Alarm[];
  devices: readonly DeviceView[];
  workersOnSite: number;
  /** UTC epoch ms the figures are read at. */
  now: number;
}

/**
 * One site's live figures, computed the same way for this core (from its own state) and for a
 * remote core (from its `/api/alarms`, `/api/devices` and `/api/site` replies), so the overview
 * compares like with like. Alarms count only when annunciated (what that site's operator sees).
 * PM10 is the highest latest reading over dust monitors that are not offline: a stale reading of a
 * dead monitor would tell the authority the air is fine when nobody knows.
 */
export function summarizeSiteStatus({ alarms, devices, workersOnSite, now }: SiteStatusInputs): SiteLiveStatus {
  const alarmsByPriority = Object.fromEntries(ALARM_PRIORITIES.map((p) => [p, 0])) as Record<AlarmPriority, number>;
  let unackedAlarms = 0;
  for (const alarm of alarms) {
    if (!isAnnunciated(alarm)) continue;
    if (alarm.priority in alarmsByPriority) alarmsByPriority[alarm.priority] += 1;
    if (isUnacknowledged(alarm)) unackedAlarms += 1;
  }
  let pm10UgM3: number | null = null;
  for (const device of devices) {
    if (device.kind !== 'dust' || device.status === 'offline') continue;
    const value = device.lastValues?.['pm10'];
    if (typeof value === 'number' && Number.isFinite(value)) pm10UgM3 = pm10UgM3 === null ? value : Math.max(pm10UgM3, value);
  }
  return { alarmsByPriority, unackedAlarms, workersOnSite: Math.max(0, Math.trunc(workersOnSite)), pm10UgM3, readAt: now };
}

/** The highest priority with at least one annunciated alarm, or null when none: what a map marker shows. */
export function worstPriority(live: SiteLiveStatus | null): AlarmPriority | null {
  if (!live) return null;
  return ALARM_PRIORITIES.find((p) => live.alarmsByPriority[p] > 0) ?? null;
}
