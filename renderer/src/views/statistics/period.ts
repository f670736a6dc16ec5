import type { StatPeriodRequest } from '../../../../electron/common/statistics.js';

/** The period picker's choice: today / this week / this month (the core resolves them in site days) or a custom range. */
export type PeriodChoice = { kind: 'day' | 'week' | 'month' } | { kind: 'range'; from: string; to: string };

export function periodRequest(choice: PeriodChoice): StatPeriodRequest {
  return choice.kind === 'range' ? { period: 'range', from: choice.from, to: choice.to } : { period: choice.kind };
}

/** `#/statistics/month`, `#/statistics/range/2026-11-01/2026-11-30`: the period is in the route, so a link or reload keeps it. */
export function parsePeriodParam(param: string | null): PeriodChoice {
  const [kind, from, to] = (param ?? '').split('/');
  if (kind === 'week' || kind === 'month' || kind === 'day') return { kind };
  if (kind === 'range' && from && to && /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to)) return { kind: 'range', from, to };
  return { kind: 'day' };
}

export function periodParam(choice: PeriodChoice): string {
  return choice.kind === 'range' ? `range/${choice.from}/${choice.to}` : choice.kind;
}
