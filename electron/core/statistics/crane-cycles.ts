/**
 * Crane lifts (work cycles, 工作循环 in GB/T 37366-2019's data to the remote centre) counted from
 * the hook load: a lift starts when the load rises above `startT` and ends when it falls back
 * below `endT`. The gap between the two (hysteresis) keeps a load swinging around one threshold
 * from counting as many lifts; a cycle shorter than `minDurationMs` (a snag, a sensor spike) is
 * not a lift.
 */
import type { CraneTelemetry } from '../../common/telemetry.js';

export interface LiftThresholds {
  /** Load above which a lift starts, t. */
  startT: number;
  /** Load below which it ends, t (below startT). */
  endT: number;
  minDurationMs: number;
}

/** 0.5 t / 0.2 t: above a hook block's weighing noise on common monitors, below any real load. */
export const DEFAULT_LIFT_THRESHOLDS: LiftThresholds = { startT: 0.5, endT: 0.2, minDurationMs: 10_000 };

/** One finished lift. */
export interface CraneLift {
  deviceId: string;
  operatorId: string | null;
  startedAt: number;
  endedAt: number;
  peakLoadT: number;
  peakMomentPct: number;
}

interface Open {
  operatorId: string | null;
  startedAt: number;
  lastAt: number;
  peakLoadT: number;
  peakMomentPct: number;
}

/** Follows each crane's load; `observe` returns a lift when one ends. Readings out of order are ignored. */
export class CraneCycleCounter {
  private readonly open = new Map<string, Open | null>();
  private readonly lastAt = new Map<string, number>();

  constructor(private readonly thresholds: LiftThresholds = DEFAULT_LIFT_THRESHOLDS) {}

  observe(deviceId: string, ts: number, reading: CraneTelemetry): CraneLift | null {
    const last = this.lastAt.get(deviceId);
    if (last !== undefined && ts <= last) return null;
    this.lastAt.set(deviceId, ts);
    const current = this.open.get(deviceId) ?? null;
    if (!current) {
      if (reading.loadT > this.thresholds.startT) {
        this.open.set(deviceId, { operatorId: reading.operatorId ?? null, startedAt: ts, lastAt: ts, peakLoadT: reading.loadT, peakMomentPct: reading.momentPct });
      }
      return null;
    }
    if (reading.loadT >= this.thresholds.endT) {
      current.lastAt = ts;
      current.peakLoadT = Math.max(current.peakLoadT, reading.loadT);
      current.peakMomentPct = Math.max(current.peakMomentPct, reading.momentPct);
      current.operatorId ??= reading.operatorId ?? null;
      return null;
    }
    this.open.set(deviceId, null);
    if (ts - current.startedAt < this.thresholds.minDurationMs) return null;
    return { deviceId, operatorId: current.operatorId, startedAt: current.startedAt, endedAt: ts, peakLoadT: current.peakLoadT, peakMomentPct: current.peakMomentPct };
  }
}
