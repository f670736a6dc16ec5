import type { ConditionEvaluation } from '../../common/alarms.js';
import { craneClearance, reachesOverlap, type CraneLayout, type CranePose, type CraneState } from '../../common/geometry/index.js';
import type { TelemetryRecord } from '../../common/telemetry.js';
import type { DeviceConfig } from '../config/site-schema.js';

/** Clearance must recover this much above the limit before the alarm clears (no chatter at the edge). */
const DEADBAND_M = 0.5;

/** Pairs are judged only on readings this fresh; a silent crane is the offline alarm's business. */
const MAX_STALENESS_MS = 5_000;

/**
 * Group crane anti-collision (群塔防碰撞): for every pair of cranes whose reach overlaps (from their
 * bases, as the site file gives them or an admin corrected them in the registry, and jib lengths),
 * the minimum 3D distance between jibs, counter-jibs, masts and hoist ropes at their live slew,
 * radius and hook height (common/geometry). Below the safety distance → critical; below twice that
 * → medium (a warning). Geometry shared with the 3D view.
 */
export class AntiCollisionMonitor {
  private layouts = new Map<string, CraneLayout>();
  private pairs: Array<[string, string]> = [];
  /**
   * Pairs whose reach stopped overlapping when a crane was moved: judged until one fresh
   * evaluation has said so (clear, since they can no longer meet), so an alarm raised at the old
   * place returns to normal instead of standing forever for a pair nobody evaluates.
   */
  private retired: Array<[string, string]> = [];
  /** Each crane's latest pose; joined with its layout when judged, so a moved base applies to the next reading. */
  private readonly latest = new Map<string, { pose: CranePose; at: number }>();

  constructor(
    devices: readonly DeviceConfig[],
    private readonly safetyDistanceM: number,
  ) {
    this.relayout(devices);
  }

  /**
   * Takes the cranes' bases and sizes again (an admin corrected a position in the registry):
   * the next reading is judged at the new place, against the other crane's last pose.
   */
  relayout(devices: readonly DeviceConfig[]): void {
    const before = this.pairs;
    this.layouts = new Map();
    for (const d of devices) {
      if (d.kind === 'crane' && d.crane && d.position) this.layouts.set(d.id, { base: d.position, geometry: d.crane });
    }
    this.pairs = [];
    const ids = [...this.layouts.keys()].sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const a = ids[i]!;
        const b = ids[j]!;
        if (reachesOverlap(this.layouts.get(a)!, this.layouts.get(b)!, 2 * this.safetyDistanceM)) this.pairs.push([a, b]);
      }
    }
    const kept = new Set(this.pairs.map(pairKey));
    const retired = [...this.retired, ...before].filter((p) => !kept.has(pairKey(p)) && this.layouts.has(p[0]) && this.layouts.has(p[1]));
    this.retired = [...new Map(retired.map((p) => [pairKey(p), p])).values()];
  }

  /** Pairs of crane ids whose reach overlaps, each sorted. */
  overlappingPairs(): ReadonlyArray<readonly [string, string]> {
    return this.pairs;
  }

  update(record: TelemetryRecord<'crane'>, now = Date.now()): ConditionEvaluation[] {
    if (!this.layouts.has(record.deviceId)) return [];
    this.latest.set(record.deviceId, { pose: record.values, at: now });
    const out: ConditionEvaluation[] = [];
    const judged = new Set<string>();
    for (const pair of [...this.pairs, ...this.retired]) {
      const [a, b] = pair;
      if (a !== record.deviceId && b !== record.deviceId) continue;
      const sa = this.stateOf(a, now);
      const sb = this.stateOf(b, now);
      if (!sa || !sb) continue;
      judged.add(pairKey(pair));
      const clearance = craneClearance(sa, sb);
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
    if (judged.size) this.retired = this.retired.filter((p) => !judged.has(pairKey(p)));
    return out;
  }

  /** A crane's layout with its latest pose, or null when it has none fresher than MAX_STALENESS_MS. */
  private stateOf(id: string, now: number): CraneState | null {
    const layout = this.layouts.get(id);
    const latest = this.latest.get(id);
    if (!layout || !latest || now - latest.at > MAX_STALENESS_MS) return null;
    return { ...layout, telemetry: latest.pose };
  }
}

function pairKey(pair: readonly [string, string]): string {
  return `${pair[0]}~${pair[1]}`;
}
