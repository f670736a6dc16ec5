/**
 * Alarm-system performance figures after EEMUA 191 and ISA-18.2 §16 (monitoring and
 * assessment): rate per 10 minutes, floods, standing and chattering alarms, the most frequent
 * alarms, and mean time to acknowledge. Memory is bounded: activations older than the horizon,
 * or beyond the cap, are forgotten.
 */
import type { AlarmConditionAbout } from '../../common/alarms.js';
import type { Alarm } from './alarm-types.js';
import * as D from './defaults.js';

export interface AlarmKpiOptions {
  floodWindowMs: number;
  floodThreshold: number;
  standingAfterMs: number;
  chatterWindowMs: number;
  chatterCount: number;
  horizonMs: number;
  maxActivations: number;
}

export const DEFAULT_KPI_OPTIONS: AlarmKpiOptions = {
  floodWindowMs: D.FLOOD_WINDOW_MS,
  floodThreshold: D.FLOOD_THRESHOLD,
  standingAfterMs: D.STANDING_AFTER_MS,
  chatterWindowMs: D.CHATTER_WINDOW_MS,
  chatterCount: D.CHATTER_COUNT,
  horizonMs: D.KPI_HORIZON_MS,
  maxActivations: D.KPI_MAX_ACTIVATIONS,
};

export type { AlarmKpis } from '../../common/alarms.js';
import type { AlarmKpis } from '../../common/alarms.js';

const TEN_MINUTES = 10 * 60_000;

export class AlarmKpiTracker {
  private activations: Array<{ key: string; at: number }> = [];
  private acks: Array<{ at: number; durationMs: number }> = [];
  /** Each remembered condition's latest description; pruned with the activations. */
  private readonly about = new Map<string, AlarmConditionAbout>();

  constructor(readonly options: AlarmKpiOptions = DEFAULT_KPI_OPTIONS) {}

  recordActivation(conditionKey: string, at: number, about?: AlarmConditionAbout): void {
    this.activations.push({ key: conditionKey, at });
    if (about) {
      // Re-inserted so the map's order is latest-first from the end: the oldest go when pruned.
      this.about.delete(conditionKey);
      this.about.set(conditionKey, about);
    }
    if (this.activations.length > this.options.maxActivations) this.activations.splice(0, this.activations.length - this.options.maxActivations);
  }

  recordAcknowledgement(activatedAt: number, ackedAt: number): void {
    this.acks.push({ at: ackedAt, durationMs: ackedAt - activatedAt });
    if (this.acks.length > this.options.maxActivations) this.acks.splice(0, this.acks.length - this.options.maxActivations);
  }

  compute(now: number, alarms: readonly Alarm[]): AlarmKpis {
    const o = this.options;
    const since = now - o.horizonMs;
    this.activations = this.activations.filter((a) => a.at > since);
    this.acks = this.acks.filter((a) => a.at > since);

    const floodFrom = now - o.floodWindowMs;
    const inFlood = this.activations.filter((a) => a.at > floodFrom && a.at <= now).length;

    const buckets = new Map<number, number>();
    const byKey = new Map<string, number[]>();
    for (const a of this.activations) {
      const start = Math.floor(a.at / TEN_MINUTES) * TEN_MINUTES;
      buckets.set(start, (buckets.get(start) ?? 0) + 1);
      const times = byKey.get(a.key) ?? [];
      times.push(a.at);
      byKey.set(a.key, times);
    }

    const chattering: string[] = [];
    for (const [key, times] of byKey) {
      times.sort((x, y) => x - y);
      for (let i = 0; i + o.chatterCount - 1 < times.length; i++) {
        if ((times[i + o.chatterCount - 1] as number) - (times[i] as number) <= o.chatterWindowMs) {
          chattering.push(key);
          break;
        }
      }
    }

    const topTen = [...byKey]
      .map(([conditionKey, times]) => ({ conditionKey, count: times.length }))
      .sort((x, y) => y.count - x.count || (x.conditionKey < y.conditionKey ? -1 : 1))
      .slice(0, 10);

    const standing = alarms
      .filter((a) => (a.state === 'unack-active' || a.state === 'ack-active') && a.activatedAt !== null && now - a.activatedAt > o.standingAfterMs)
      .map((a) => ({ alarmId: a.id, conditionKey: a.conditionKey, activeForMs: now - (a.activatedAt as number) }));

    const named = new Set([...topTen.map((c) => c.conditionKey), ...chattering, ...standing.map((s) => s.conditionKey)]);
    const about: Record<string, AlarmConditionAbout> = {};
    for (const key of named) {
      const known = this.about.get(key) ?? describe(alarms.find((a) => a.conditionKey === key));
      if (known) about[key] = known;
    }
    for (const key of this.about.keys()) if (!byKey.has(key) && !named.has(key)) this.about.delete(key);

    const meanTimeToAckMs = this.acks.length === 0 ? null : this.acks.reduce((s, a) => s + a.durationMs, 0) / this.acks.length;

    return {
      activationsInFloodWindow: inFlood,
      flood: inFlood > o.floodThreshold,
      perTenMinutes: [...buckets].sort((x, y) => x[0] - y[0]).map(([start, count]) => ({ start, count })),
      standing,
      chattering: chattering.sort(),
      topTen,
      about,
      meanTimeToAckMs,
      acknowledgements: this.acks.length,
    };
  }
}

function describe(alarm: Alarm | undefined): AlarmConditionAbout | null {
  if (!alarm) return null;
  return { sourceDevice: alarm.sourceDevice, priority: alarm.priority, message: alarm.message, ...(alarm.text ? { text: alarm.text } : {}) };
}
