import type { Alarm } from '../../../electron/common/alarms.js';
import { isAnnunciated, isUnacknowledged } from '../../../electron/common/alarms.js';
import { PRIORITY_RANK } from './palette.js';
import type { LiveSiteSource, SourceAlarmState } from './scene-extension.js';

/**
 * Indexes annunciated alarms by source (device or zone id) for the scene: the highest active
 * priority, the highest open one (colours and marks the object) and the highest unacknowledged
 * one (pulses). Rebuilt only
 * when an alarm changes, so frames read it without allocating.
 */
export class AlarmIndex {
  private readonly alarms = new Map<string, Alarm>();
  private bySource = new Map<string, SourceAlarmState>();
  private unacked: string[] = [];

  /** Replaces everything (after listAlarms). */
  load(alarms: readonly Alarm[]): void {
    this.alarms.clear();
    for (const alarm of alarms) this.put(alarm);
    this.reindex();
  }

  /** One alarm changed (a live `alarm` event carries the alarm after the event). */
  apply(alarm: Alarm): void {
    this.put(alarm);
    this.reindex();
  }

  of(sourceId: string): SourceAlarmState | undefined {
    return this.bySource.get(sourceId);
  }

  unackedSources(): readonly string[] {
    return this.unacked;
  }

  private put(alarm: Alarm): void {
    // Keyed by condition: a new occurrence replaces the old one of the same point.
    if (isAnnunciated(alarm)) this.alarms.set(alarm.conditionKey, alarm);
    else this.alarms.delete(alarm.conditionKey);
  }

  private reindex(): void {
    const bySource = new Map<string, SourceAlarmState>();
    for (const alarm of this.alarms.values()) {
      const state = bySource.get(alarm.sourceDevice) ?? { active: null, unacked: null, open: null };
      if (alarm.state !== 'normal' && (state.open === null || PRIORITY_RANK[alarm.priority] < PRIORITY_RANK[state.open])) state.open = alarm.priority;
      if (alarm.conditionActive && (state.active === null || PRIORITY_RANK[alarm.priority] < PRIORITY_RANK[state.active])) state.active = alarm.priority;
      if (isUnacknowledged(alarm) && (state.unacked === null || PRIORITY_RANK[alarm.priority] < PRIORITY_RANK[state.unacked])) state.unacked = alarm.priority;
      bySource.set(alarm.sourceDevice, state);
    }
    this.bySource = bySource;
    this.unacked = [...bySource.entries()].filter(([, s]) => s.unacked !== null).map(([id]) => id);
  }
}

/** A LiveSiteSource over plain callbacks: what the console and the benchmark both build on. */
export function liveSource(parts: {
  values: LiveSiteSource['values'];
  workersOnSite: () => number;
  alarms: AlarmIndex;
  subscribe: LiveSiteSource['subscribe'];
}): LiveSiteSource {
  return {
    values: parts.values,
    workersOnSite: parts.workersOnSite,
    alarmOf: (id) => parts.alarms.of(id),
    unackedSources: () => parts.alarms.unackedSources(),
    subscribe: parts.subscribe,
  };
}
