import type { WorkforceTabProps } from './WorkforceView.js';

/** Placeholder until this section is built. */
export function OnSiteTab(_props: WorkforceTabProps) {
  return <section className="panel" data-testid="workforce-onsite" />;
}
