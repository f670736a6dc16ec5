import type { AlarmPriority } from '../../../electron/common/alarms.js';

/**
 * Load-moment bands, the same set points as the crane alarm rules (electron/core/alarms/defaults.ts
 * CRANE_LEVELS, GB/T 37366-2019): 90 % pre-warning (medium), 100 % over rated (high), 110 % cut-off
 * (critical). Restated here because the renderer must not import core/; a unit test pins them.
 */
export const MOMENT_BANDS: readonly { fromPct: number; priority: AlarmPriority; word: 'warning' | 'overload' | 'cutoff' }[] = [
  { fromPct: 110, priority: 'critical', word: 'cutoff' },
  { fromPct: 100, priority: 'high', word: 'overload' },
  { fromPct: 90, priority: 'medium', word: 'warning' },
];

/** Which band a load moment (% of rated) falls in; null below 90 % (neutral) or when unknown. */
export function momentBand(momentPct: number | undefined): (typeof MOMENT_BANDS)[number] | null {
  if (momentPct === undefined || !Number.isFinite(momentPct)) return null;
  for (const band of MOMENT_BANDS) if (momentPct >= band.fromPct) return band;
  return null;
}
