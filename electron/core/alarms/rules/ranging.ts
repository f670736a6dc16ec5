/**
 * Deformation monitoring by an automatic ranging station: displacement of a point from its
 * surveyed baseline, and how fast it moves (mm/day over the last day). Both are judged against
 * the design's alarm values (GB 50497-2019 gives them per pit grade; see defaults).
 */
import type { RangingTelemetry } from '../../../common/telemetry.js';
import type { ConditionEvaluation } from '../alarm-types.js';
import * as D from '../defaults.js';
import { highLimit } from './condition.js';

export interface RangingPointConfig {
  /** Surveyed baseline distance, metres. Without one a point is not judged. */
  baselineM: number;
  displacementLimitMm?: number;
  rateLimitMmPerDay?: number;
}

export interface RangingRuleConfig {
  points: Readonly<Record<string, RangingPointConfig>>;
  displacementLimitMm: number;
  rateLimitMmPerDay: number;
  /** Rate is taken over this span back from the newest reading… */
  rateSpanMs: number;
  /** …and only once at least this much history exists. */
  minRateSpanMs: number;
}

export const DEFAULT_RANGING_RULES: Omit<RangingRuleConfig, 'points'> = {
  displacementLimitMm: D.RANGING_DISPLACEMENT_LIMIT_MM,
  rateLimitMmPerDay: D.RANGING_RATE_LIMIT_MM_PER_DAY,
  rateSpanMs: D.RANGING_RATE_SPAN_MS,
  minRateSpanMs: D.RANGING_MIN_RATE_SPAN_MS,
};

/** Samples kept per point; stations report every few minutes, so a day fits comfortably. */
const MAX_SAMPLES_PER_POINT = 2_000;
const DAY_MS = 86_400_000;

export class RangingRules {
  private readonly history = new Map<string, Array<{ ts: number; distanceM: number }>>();

  constructor(
    readonly deviceId: string,
    private readonly config: RangingRuleConfig,
  ) {}

  evaluate(reading: RangingTelemetry, ts: number): ConditionEvaluation[] {
    const point = this.config.points[reading.pointId];
    if (!point) return [];
    const samples = this.history.get(reading.pointId) ?? [];
    samples.push({ ts, distanceM: reading.distanceM });
    // Keep just over one rate span of history, and never more than the cap.
    const horizon = ts - this.config.rateSpanMs;
    while (samples.length > 1 && ((samples[1]?.ts ?? Infinity) <= horizon || samples.length > MAX_SAMPLES_PER_POINT)) samples.shift();
    this.history.set(reading.pointId, samples);

    const key = `${this.deviceId}:${reading.pointId}`;
    const displacementMm = Math.abs(reading.distanceM - point.baselineM) * 1000;
    const dispLimit = point.displacementLimitMm ?? this.config.displacementLimitMm;
    const out: ConditionEvaluation[] = [
      highLimit({
        conditionKey: `${key}:displacement`,
        sourceDevice: this.deviceId,
        priority: 'high',
        message: `Point ${reading.pointId} moved ${displacementMm.toFixed(1)} mm from its baseline (limit ${dispLimit} mm)`,
        text: { key: 'ranging.displacement', params: { point: reading.pointId, value: displacementMm.toFixed(1), limit: dispLimit } },
        unit: 'mm',
        value: round1(displacementMm),
        limit: dispLimit,
        deadband: 1,
        inclusive: true,
        onDelayMs: 0,
        offDelayMs: 0,
      }),
    ];
    const oldest = samples[0];
    if (oldest && ts - oldest.ts >= this.config.minRateSpanMs) {
      const rate = (Math.abs(reading.distanceM - oldest.distanceM) * 1000 * DAY_MS) / (ts - oldest.ts);
      const rateLimit = point.rateLimitMmPerDay ?? this.config.rateLimitMmPerDay;
      out.push(
        highLimit({
          conditionKey: `${key}:rate`,
          sourceDevice: this.deviceId,
          priority: 'high',
          message: `Point ${reading.pointId} moving ${rate.toFixed(2)} mm/day (limit ${rateLimit} mm/day)`,
          text: { key: 'ranging.rate', params: { point: reading.pointId, value: rate.toFixed(2), limit: rateLimit } },
          unit: 'mm/d',
          value: Math.round(rate * 100) / 100,
          limit: rateLimit,
          deadband: 0.2,
          inclusive: true,
          onDelayMs: 0,
          offDelayMs: 0,
        }),
      );
    }
    return out;
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
