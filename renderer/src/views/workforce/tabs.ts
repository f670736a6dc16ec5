/** Sections of `#/workforce/SECTION[/PARAM]`, in the order the tab strip shows them. */
export const WORKFORCE_TABS = ['roster', 'onsite', 'certificates', 'attendance', 'training', 'platform'] as const;
export type WorkforceTab = (typeof WORKFORCE_TABS)[number];

/** The section and its own parameter (e.g. a worker id) from the workforce route's parameter. */
export function parseWorkforceParam(param: string | null): { tab: WorkforceTab; rest: string | null } {
  const [head, ...rest] = (param ?? '').split('/');
  const tab = (WORKFORCE_TABS as readonly string[]).includes(head ?? '') ? (head as WorkforceTab) : 'roster';
  return { tab, rest: rest.length ? rest.join('/') : null };
}
