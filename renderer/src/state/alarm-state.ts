/**
 * Live alarm state for the console, outside React (as Frigate keeps each WebSocket topic): a keyed
 * store of alarms by occurrence id, loaded with `listAlarms({state:'all'})` and kept current by
 * pushed `alarm` events; views read it through `useSyncExternalStore` (see
 * views/alarms/use-alarms.ts). This file has no React and no DOM so its selectors are unit-tested.
 */
import type { AlarmQuery, UserRole } from '../../../electron/common/api.js';
import type { ApiClient } from '../transport/api-client.js';
import { ALARM_PRIORITIES, isAnnunciated, isUnacknowledged, type Alarm, type AlarmEvent, type AlarmKpis, type AlarmPriority } from '../../../electron/common/alarms.js';
import { mayPerform, type RoleAction } from '../../../electron/common/permissions.js';
import { ValueStore } from './external-store.js';

/** Index of each priority in display order (critical first). */
const PRIORITY_RANK: Record<AlarmPriority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Alarms the console keeps when nothing else bounds them: normal (finished) points beyond this are dropped oldest first. */
export const MAX_NORMAL_ALARMS_KEPT = 500;

/**
 * Order of the annunciated list (ISA-18.2 §11: the operator sees what needs action first):
 * unacknowledged before acknowledged, then priority, then newest activation first.
 */
export function compareAlarms(a: Alarm, b: Alarm): number {
  const unack = Number(isUnacknowledged(b)) - Number(isUnacknowledged(a));
  if (unack !== 0) return unack;
  const priority = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
  if (priority !== 0) return priority;
  const time = (b.activatedAt ?? 0) - (a.activatedAt ?? 0);
  if (time !== 0) return time;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function annunciatedSorted(alarms: Iterable<Alarm>): Alarm[] {
  return [...alarms].filter(isAnnunciated).sort(compareAlarms);
}

export type PriorityCounts = Record<AlarmPriority, number>;

/** Annunciated alarms per priority (what the banner shows). */
export function countByPriority(alarms: Iterable<Alarm>): PriorityCounts {
  const counts: PriorityCounts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const alarm of alarms) if (isAnnunciated(alarm)) counts[alarm.priority]++;
  return counts;
}

/** The most recently activated annunciated alarm nobody has acknowledged yet, or null. */
export function newestUnacknowledged(alarms: Iterable<Alarm>): Alarm | null {
  let newest: Alarm | null = null;
  for (const alarm of alarms) {
    if (!isAnnunciated(alarm) || !isUnacknowledged(alarm)) continue;
    if (!newest || (alarm.activatedAt ?? 0) > (newest.activatedAt ?? 0)) newest = alarm;
  }
  return newest;
}

/** Critical and high alarms are audible until acknowledged (site policy; medium/low are silent). */
export const AUDIBLE_PRIORITIES: readonly AlarmPriority[] = ['critical', 'high'];

/** The highest audible priority among unacknowledged annunciated alarms, or null when the horn should be quiet. */
export function audiblePriority(alarms: Iterable<Alarm>): AlarmPriority | null {
  let best: AlarmPriority | null = null;
  for (const alarm of alarms) {
    if (!isAnnunciated(alarm) || !isUnacknowledged(alarm) || !AUDIBLE_PRIORITIES.includes(alarm.priority)) continue;
    if (best === null || PRIORITY_RANK[alarm.priority] < PRIORITY_RANK[best]) best = alarm.priority;
  }
  return best;
}

/** A latched occurrence whose condition has cleared: it is held until an authorised reset (OPC UA Part 9). */
export function needsReset(alarm: Alarm): boolean {
  return alarm.latched && !alarm.conditionActive && alarm.state !== 'normal';
}

/** What the state column says, as an i18n key under `alarm.state.` (words, never colour alone). */
export type AlarmStateWord = 'unackActive' | 'ackActive' | 'unackRtn' | 'needsReset' | 'unackNeedsReset' | 'normal';

export function stateWord(alarm: Alarm): AlarmStateWord {
  if (needsReset(alarm)) return isUnacknowledged(alarm) ? 'unackNeedsReset' : 'needsReset';
  switch (alarm.state) {
    case 'unack-active':
      return 'unackActive';
    case 'ack-active':
      return 'ackActive';
    case 'unack-rtn':
      return 'unackRtn';
    case 'normal':
      return 'normal';
  }
}

/** The list's state filter. `shelved`: hidden by a person for a while (shown so nobody forgets them). */
export type AlarmStateFilter = 'annunciated' | 'unacked' | 'shelved' | 'all';

export interface AlarmFilter {
  state: AlarmStateFilter;
  priority: AlarmPriority | null;
  device: string | null;
}

export const DEFAULT_FILTER: AlarmFilter = { state: 'annunciated', priority: null, device: null };

/** The list shown for a filter, in the annunciated order. */
export function filterAlarms(alarms: Iterable<Alarm>, filter: AlarmFilter): Alarm[] {
  const out: Alarm[] = [];
  for (const alarm of alarms) {
    if (filter.priority && alarm.priority !== filter.priority) continue;
    if (filter.device && alarm.sourceDevice !== filter.device) continue;
    const keep =
      filter.state === 'all'
        ? true
        : filter.state === 'shelved'
          ? alarm.shelved !== null
          : filter.state === 'unacked'
            ? isAnnunciated(alarm) && isUnacknowledged(alarm)
            : isAnnunciated(alarm);
    if (keep) out.push(alarm);
  }
  return out.sort(compareAlarms);
}

/** Alarm actions the UI offers; who may take each is the shared table in common/permissions.ts. */
export type AlarmAction = Extract<RoleAction, 'acknowledge' | 'reset' | 'shelve' | 'unshelve' | 'comment' | 'verifyAudit'>;

export { mayPerform };

/** Actions that make sense for this alarm now, for this role. */
export function availableActions(alarm: Alarm, role: UserRole): AlarmAction[] {
  const actions: AlarmAction[] = [];
  if (isUnacknowledged(alarm)) actions.push('acknowledge');
  if (needsReset(alarm)) actions.push('reset');
  if (alarm.shelved) actions.push('unshelve');
  else if (alarm.state !== 'normal') actions.push('shelve');
  actions.push('comment');
  return actions.filter((a) => mayPerform(role, a));
}

/** Critical and high alarms need a comment to be acknowledged (the core refuses otherwise). */
export function ackNeedsComment(priority: AlarmPriority): boolean {
  return priority === 'critical' || priority === 'high';
}

/** Bulk acknowledgement needs a comment when any selected alarm does. */
export function bulkAckNeedsComment(alarms: readonly Alarm[]): boolean {
  return alarms.some((a) => ackNeedsComment(a.priority));
}

export { ALARM_PRIORITIES };

type Listener = () => void;

/**
 * Alarms by occurrence id, one entry per alarm point (condition key): a new occurrence of a point
 * replaces its previous one. Listeners per id (detail view) and for any change (banner, list).
 */
export class AlarmState {
  private readonly byId = new Map<string, Alarm>();
  private readonly idByCondition = new Map<string, string>();
  private readonly idListeners = new Map<string, Set<Listener>>();
  private readonly allListeners = new Set<Listener>();
  private version = 0;
  private snapshot: Alarm[] | null = null;
  private pending: AlarmEvent[] | null = null;

  /** Alarm-system KPIs, refreshed after activations and periodically; drives the flood banner. */
  readonly kpis = new ValueStore<AlarmKpis | null>(null);
  /** Why the last load failed, in the core's words; null when the list is current. */
  readonly loadError = new ValueStore<string | null>(null);
  /** Newest event applied (lets the banner start the horn on a new activation). */
  readonly lastEvent = new ValueStore<AlarmEvent | null>(null);

  /**
   * Call before asking the core for a snapshot: events pushed while the request is in flight are
   * kept and replayed over the snapshot, so an event is never lost between the two (events arrive
   * in order, so replaying ones the snapshot already holds ends in the same state).
   */
  beginReload(): void {
    this.pending = [];
  }

  /** The snapshot request failed: stop keeping events for a replay. */
  abortReload(): void {
    this.pending = null;
  }

  /** Replaces everything with a fresh snapshot (first load, and after the live link comes back). */
  load(alarms: readonly Alarm[]): void {
    const changed = new Set<string>(this.byId.keys());
    this.byId.clear();
    this.idByCondition.clear();
    for (const alarm of alarms) {
      this.put(alarm);
      changed.add(alarm.id);
    }
    const replay = this.pending ?? [];
    this.pending = null;
    for (const event of replay) this.applyQuietly(event, changed);
    this.changed(changed);
  }

  /** Applies one pushed event: the event carries the alarm as it is after the event. */
  apply(event: AlarmEvent): void {
    this.pending?.push(event);
    const changed = new Set<string>();
    if (!this.applyQuietly(event, changed)) return;
    this.lastEvent.set(event);
    this.changed(changed);
  }

  private applyQuietly(event: AlarmEvent, changed: Set<string>): boolean {
    changed.add(event.alarmId);
    const previous = this.idByCondition.get(event.conditionKey);
    if (previous && previous !== event.alarmId) {
      const older = this.byId.get(previous);
      // A newer occurrence of the same point replaces the old one; an old one never replaces a newer one.
      if (older && (older.activatedAt ?? 0) > (event.alarm.activatedAt ?? 0)) return false;
      this.byId.delete(previous);
      changed.add(previous);
    }
    this.put(event.alarm);
    this.pruneNormal(changed);
    return true;
  }

  get(id: string): Alarm | undefined {
    return this.byId.get(id);
  }

  /** All alarms; the same array until something changes (safe for `useSyncExternalStore`). */
  all(): Alarm[] {
    return (this.snapshot ??= [...this.byId.values()]);
  }

  getVersion = (): number => this.version;

  subscribeAll = (listener: Listener): (() => void) => {
    this.allListeners.add(listener);
    return () => this.allListeners.delete(listener);
  };

  subscribeId(id: string, listener: Listener): () => void {
    let set = this.idListeners.get(id);
    if (!set) this.idListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.idListeners.delete(id);
    };
  }

  /** Whether the latest KPIs report a flood (EEMUA 191: more than 10 alarms in 10 minutes). */
  isFlood(): boolean {
    return this.kpis.get()?.flood ?? false;
  }

  private put(alarm: Alarm): void {
    this.byId.set(alarm.id, alarm);
    this.idByCondition.set(alarm.conditionKey, alarm.id);
  }

  private pruneNormal(changed: Set<string>): void {
    const normal = [...this.byId.values()].filter((a) => a.state === 'normal');
    if (normal.length <= MAX_NORMAL_ALARMS_KEPT) return;
    normal.sort((a, b) => lastChange(a) - lastChange(b));
    for (const alarm of normal.slice(0, normal.length - MAX_NORMAL_ALARMS_KEPT)) {
      this.byId.delete(alarm.id);
      if (this.idByCondition.get(alarm.conditionKey) === alarm.id) this.idByCondition.delete(alarm.conditionKey);
      changed.add(alarm.id);
    }
  }

  private changed(ids: Set<string>): void {
    this.version++;
    this.snapshot = null;
    for (const id of ids) this.idListeners.get(id)?.forEach((l) => l());
    this.allListeners.forEach((l) => l());
  }
}

function lastChange(alarm: Alarm): number {
  return Math.max(alarm.activatedAt ?? 0, alarm.ackedAt ?? 0, alarm.rtnAt ?? 0, alarm.resetAt ?? 0);
}

/** What the store needs from the API client (kept narrow so tests can fake it). */
export interface AlarmSource {
  listAlarms(query: AlarmQuery): Promise<Alarm[]>;
  getAlarmKpis(): Promise<AlarmKpis>;
}

/** Loads the full list; errors go to `loadError` (shown by the banner), never swallowed. */
export async function reloadAlarms(state: AlarmState, source: AlarmSource): Promise<void> {
  state.beginReload();
  try {
    state.load(await source.listAlarms({ state: 'all' }));
    state.loadError.set(null);
  } catch (e) {
    state.abortReload();
    state.loadError.set((e as Error).message);
  }
  await refreshKpis(state, source);
}

export async function refreshKpis(state: AlarmState, source: AlarmSource): Promise<void> {
  try {
    state.kpis.set(await source.getAlarmKpis());
  } catch {
    // The KPI panel shows "not available" while kpis is null; the list itself still works.
  }
}

/** The store's view of the API client. */
export function alarmSourceOf(client: ApiClient): AlarmSource {
  return { listAlarms: (query) => client.call('listAlarms', query), getAlarmKpis: () => client.call('getAlarmKpis') };
}

/**
 * Keeps the KPIs (and so the flood flag) current: shortly after each activation or
 * acknowledgement, and every `intervalMs` (a flood window slides even when nothing happens).
 */
export function watchKpis(state: AlarmState, source: AlarmSource, intervalMs = 15_000): () => void {
  let debounce: ReturnType<typeof setTimeout> | null = null;
  const soon = () => {
    if (debounce) return;
    debounce = setTimeout(() => {
      debounce = null;
      void refreshKpis(state, source);
    }, 300);
  };
  const unsubscribe = state.lastEvent.subscribe(soon);
  const timer = setInterval(() => void refreshKpis(state, source), intervalMs);
  return () => {
    unsubscribe();
    clearInterval(timer);
    if (debounce) clearTimeout(debounce);
  };
}
