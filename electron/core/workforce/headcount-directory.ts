import type { Database } from '../store/database.js';

/** What the headcount needs to know about a person to group them. */
export interface PersonDetail {
  workerId: number;
  name: string;
  trade: string;
  isManager: boolean;
  post: string | null;
  companyId: number | null;
  company: string | null;
  teamId: number | null;
  team: string | null;
}

/** How long grouping details are reused before one query reads them all again (registry edits show within this). */
const FRESH_MS = 10_000;

/**
 * Workers' company, team, trade and manager flag for the headcount, read in one query for
 * everyone and reused for a few seconds: grouping 2,000 people inside costs one SELECT, not
 * 2,000. A worker the cache does not know yet (registered a moment ago) triggers a re-read.
 */
export class HeadcountDirectory {
  private cache = new Map<number, PersonDetail>();
  private readAt = -Infinity;

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  detailsOf(workerIds: Iterable<number>): Map<number, PersonDetail> {
    const ids = [...workerIds];
    if (this.now() - this.readAt > FRESH_MS || ids.some((id) => !this.cache.has(id))) this.reload();
    return this.cache;
  }

  /** Forget what was read (a registry change the caller knows of). */
  invalidate(): void {
    this.readAt = -Infinity;
  }

  private reload(): void {
    const rows = this.db
      .prepare(
        `SELECT w.id, w.name, w.trade, w.is_manager, w.post, m.company_id, c.name AS company, m.team_id, t.name AS team
           FROM wf_workers w
           LEFT JOIN wf_memberships m ON m.worker_id = w.id AND m.exited_on IS NULL
           LEFT JOIN wf_companies c ON c.id = m.company_id
           LEFT JOIN wf_teams t ON t.id = m.team_id`,
      )
      .all() as Array<Record<string, unknown>>;
    const next = new Map<number, PersonDetail>();
    for (const r of rows) {
      next.set(r.id as number, {
        workerId: r.id as number,
        name: r.name as string,
        trade: r.trade as string,
        isManager: r.is_manager === 1,
        post: (r.post as string | null) ?? null,
        companyId: (r.company_id as number | null) ?? null,
        company: (r.company as string | null) ?? null,
        teamId: (r.team_id as number | null) ?? null,
        team: (r.team as string | null) ?? null,
      });
    }
    this.cache = next;
    this.readAt = this.now();
  }
}
