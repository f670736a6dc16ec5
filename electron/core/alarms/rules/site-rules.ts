/**
 * One entry point from a validated reading to condition evaluations, holding the per-device
 * state the dust and ranging rules need. The ingest pipeline calls `evaluate(record)` and hands
 * the result to `AlarmEngine.evaluate`.
 */
import type { TelemetryRecord } from '../../../common/telemetry.js';
import type { ConditionEvaluation } from '../alarm-types.js';
import { craneRulesFor, evaluateCrane, type CraneRuleConfig } from './crane.js';
import { DustMonitorRules, type DustRuleConfig } from './dust.js';
import { DEFAULT_HOIST_RULES, evaluateHoist, type HoistRuleConfig } from './hoist.js';
import { DEFAULT_NOISE_RULES } from './noise.js';
import { DEFAULT_RANGING_RULES, RangingRules, type RangingRuleConfig } from './ranging.js';

export interface SiteRulesConfig {
  timeZone: string;
  /** Per crane id; missing ids use the defaults. */
  cranes?: Readonly<Record<string, Partial<CraneRuleConfig>>>;
  hoists?: Readonly<Record<string, Partial<HoistRuleConfig>>>;
  /** Per dust monitor; `defaultDust` for the rest. */
  dust?: Readonly<Record<string, Partial<Omit<DustRuleConfig, 'timeZone'>>>>;
  defaultDust?: Partial<Omit<DustRuleConfig, 'timeZone'>>;
  /** Per ranging station: its points' baselines and limits. */
  ranging?: Readonly<Record<string, Partial<RangingRuleConfig>>>;
}

export class SiteRules {
  private readonly dust = new Map<string, DustMonitorRules>();
  private readonly ranging = new Map<string, RangingRules>();

  /**
   * `excludedFromCompliance`: devices whose readings must not count towards the dust and noise
   * compliance rules (their model or supplier is on the regulator's blacklist). Their readings
   * are not fed to those rules at all, so they cannot raise, clear or fill the window means.
   */
  constructor(
    private readonly config: SiteRulesConfig,
    private readonly excludedFromCompliance: (deviceId: string) => boolean = () => false,
  ) {}

  evaluate(record: TelemetryRecord): ConditionEvaluation[] {
    switch (record.kind) {
      case 'crane':
        return evaluateCrane(record.deviceId, record.values as TelemetryRecord<'crane'>['values'], craneRulesFor(this.config.cranes?.[record.deviceId]));
      case 'hoist':
        return evaluateHoist(record.deviceId, record.values as TelemetryRecord<'hoist'>['values'], { ...DEFAULT_HOIST_RULES, ...this.config.hoists?.[record.deviceId] });
      case 'dust':
        // Dust and noise are compliance statistics reported to the authority: a blacklisted
        // monitor's data is not valid for them. Crane, hoist and ranging rules run regardless:
        // they protect people now, and an unapproved sensor's overload or settlement reading is
        // still the best evidence there is — the blacklist is about whose data counts, not
        // about ignoring a warning that a load is about to fall.
        if (this.excludedFromCompliance(record.deviceId)) return [];
        return this.dustRules(record.deviceId).evaluate(record.values as TelemetryRecord<'dust'>['values'], record.ts);
      case 'ranging':
        return this.rangingRules(record.deviceId).evaluate(record.values as TelemetryRecord<'ranging'>['values'], record.ts);
      case 'gate':
        return [];
    }
  }

  private dustRules(deviceId: string): DustMonitorRules {
    let rules = this.dust.get(deviceId);
    if (!rules) {
      const own = { ...this.config.defaultDust, ...this.config.dust?.[deviceId] };
      rules = new DustMonitorRules(deviceId, {
        preset: own.preset ?? 'gb3095-grade2',
        noise: own.noise === undefined ? DEFAULT_NOISE_RULES : own.noise,
        timeZone: this.config.timeZone,
      });
      this.dust.set(deviceId, rules);
    }
    return rules;
  }

  private rangingRules(deviceId: string): RangingRules {
    let rules = this.ranging.get(deviceId);
    if (!rules) {
      rules = new RangingRules(deviceId, { ...DEFAULT_RANGING_RULES, points: {}, ...this.config.ranging?.[deviceId] });
      this.ranging.set(deviceId, rules);
    }
    return rules;
  }
}
