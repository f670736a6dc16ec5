import type { ConditionEvaluation } from '../../common/alarms.js';
import { craneClearance, reachesOverlap, type CraneLayout, type CraneState } from '../../common/geometry/index.js';
import type { TelemetryRecord } from '../../common/telemetry.js';
import type { DeviceConfig } from '../config/site-schema.js';

/** Clearance must recover this much above the limit before the alarm clears (no chatter at the edge). */
const DEADBAND_M = 0.5;

/** Pairs are judged only on readings this fresh; a silent crane is the offline alarm's business. */
const MAX_STALENESS_MS = 5_000;

/**
 * Group crane anti-collision (群塔防碰撞): for every pair of cranes whose reach overlaps (from the
 * site file's bases and jib lengths), the minimum 3D distance between jibs, counter-jibs, masts
 * and hoist ropes at their live slew, radius and hook height (common/geometry). Below the safety
 * distance → critical; below twice that → medium (a warning). Geometry shared with the 3D view.
 */
export class AntiCollisionMonitor {
  private readonly layouts = new Map<string, CraneLayout>();
  private readonly pairs: Array<[string, string]> = [];
  private readonly latest = new Map<string, { state: CraneState; at: number }>();

  constructor(
    devices: readonly DeviceConfig[],
    private readonly safetyDistanceM: number,
  ) {
    for (const d of devices) {
      if (d.kind === 'crane' && d.crane && d.position) this.layouts.set(d.id, { base: d.position, geometry: d.crane });
    }
    const ids = [...this.layouts.keys()].sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const a = ids[i]!;
        const b = ids[j]!;
        if (reachesOverlap(this.layouts.get(a)!, this.layouts.get(b)!, 2 * safetyDistanceM)) this.pairs.push([a, b]);
      }
    }
  }

  /** Pairs of crane ids whose reach overlaps, each sorted. */
  overlappingPairs(): ReadonlyArray<readonly [string, string]> {
    return this.pairs;
  }

  update(record: TelemetryRecord<'crane'>, now = Date.now()): ConditionEvaluation[] {
    const layout = this.layouts.get(record.deviceId);
    if (!layout) return [];
    this.latest.set(record.deviceId, { state: { ...layout, telemetry: record.values }, at: now });
    const out: ConditionEvaluation[] = [];
    for (const [a, b] of this.pairs) {
      if (a !== record.deviceId && b !== record.deviceId) continue;
      const sa = this.latest.get(a);
      const sb = this.latest.get(b);
      if (!sa || !sb || now - sa.at > MAX_STALENESS_MS || now - sb.at > MAX_STALENESS_MS) continue;
      const clearance = craneClearance(sa.state, sb.state);
      if (!Number.isFinite(clearance.distanceM)) continue;
      const parts = `${a} ${clearance.partA} ↔ ${b} ${clearance.partB}`;
      // A low limit on the clearance: beyond below the limit, clear again above limit + deadband.
      const spec = (key: string, priority: 'critical' | 'medium', limitM: number): ConditionEvaluation => ({
        conditionKey: `${a}~${b}:collision:${key}`,
        sourceDevice: a,
        priority,
        message: `Cranes ${a} and ${b}: ${clearance.distanceM.toFixed(1)} m apart (${parts}), limit ${limitM} m`,
        text: { key: `collision.${key}`, params: { a, b, partA: clearance.partA, partB: clearance.partB, value: clearance.distanceM.toFixed(1), limit: limitM } },
        unit: 'm',
        value: Math.round(clearance.distanceM * 100) / 100,
        limit: limitM,
        beyond: clearance.distanceM < limitM,
        clearable: clearance.distanceM >= limitM + DEADBAND_M,
        latched: false,
        onDelayMs: 0,
        offDelayMs: 2000,
      });
      out.push(spec('critical', 'critical', this.safetyDistanceM), spec('warning', 'medium', 2 * this.safetyDistanceM));
    }
    return out;
  }
}
