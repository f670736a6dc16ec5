/**
 * Anti-chatter filter for one condition (ISA-18.2 alarm deadband and on/off delays): the value
 * must stay beyond the limit for `onDelayMs` before the alarm activates, and stay inside
 * limit-minus-deadband for `offDelayMs` before it clears. Readings are treated as sample-and-hold:
 * the last one stands until the next, so `tick` can complete a delay when no new reading comes.
 */
import type { ConditionEvaluation } from './alarm-types.js';

export interface ChatterFilterState {
  /** The filtered condition: what the alarm sees. */
  active: boolean;
  /** When the raw condition started pointing the other way; null when it agrees with `active`. */
  pendingSince: number | null;
  /** The last evaluation, re-used by `tick`. */
  last: ConditionEvaluation;
}

export type FilterOutput = 'activate' | 'clear' | null;

export function initialFilterState(evaluation: ConditionEvaluation): ChatterFilterState {
  return { active: false, pendingSince: null, last: evaluation };
}

/**
 * Feeds one evaluation (taken at `now`) and says whether the filtered condition changed. Pure:
 * returns the new state.
 */
export function filterStep(state: ChatterFilterState, evaluation: ConditionEvaluation, now: number): { state: ChatterFilterState; output: FilterOutput } {
  // A value between limit-minus-deadband and the limit neither activates nor clears: it only
  // breaks a pending change in the other direction.
  const wantsChange = state.active ? evaluation.clearable : evaluation.beyond;
  if (!wantsChange) return { state: { active: state.active, pendingSince: null, last: evaluation }, output: null };
  const since = state.pendingSince ?? now;
  const delay = state.active ? evaluation.offDelayMs : evaluation.onDelayMs;
  if (now - since >= delay) {
    return { state: { active: !state.active, pendingSince: null, last: evaluation }, output: state.active ? 'clear' : 'activate' };
  }
  return { state: { active: state.active, pendingSince: since, last: evaluation }, output: null };
}

/** Re-applies the last evaluation at `now`, completing a delay that has run out between readings. */
export function filterTick(state: ChatterFilterState, now: number): { state: ChatterFilterState; output: FilterOutput } {
  if (state.pendingSince === null) return { state, output: null };
  return filterStep(state, state.last, now);
}
