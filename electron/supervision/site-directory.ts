import type pg from 'pg';

/** How often the list of registered sites is re-read, and an unknown id looked up again at most. */
const REFRESH_MS = 5_000;
/** Unknown ids remembered (a flood of made-up ids must not grow memory). */
const UNKNOWN_MAX = 10_000;

/**
 * The registered sites, in memory for the validation of every message. A site the authority
 * registers while the service runs is found when its first message comes (one lookup, then at most
 * one every REFRESH_MS per unknown id), so its first messages are not refused for being new.
 */
export class SiteDirectory {
  private known = new Set<string>();
  private readonly unknownCheckedAt = new Map<string, number>();
  private loadedAt = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  isRegistered(siteId: string): boolean {
    return this.known.has(siteId);
  }

  /** Re-reads the list when it is old, and looks up ids not known yet (before a batch is validated). */
  async refresh(candidates: Iterable<string>): Promise<void> {
    const now = this.now();
    if (now - this.loadedAt > REFRESH_MS) {
      const rows = await this.pool.query<{ id: string }>('SELECT id FROM sites');
      this.known = new Set(rows.rows.map((r) => r.id));
      this.loadedAt = now;
    }
    const lookup = [...new Set(candidates)].filter((id) => !this.known.has(id) && now - (this.unknownCheckedAt.get(id) ?? 0) > REFRESH_MS);
    if (lookup.length === 0) return;
    const rows = await this.pool.query<{ id: string }>('SELECT id FROM sites WHERE id = ANY($1::text[])', [lookup]);
    for (const row of rows.rows) this.known.add(row.id);
    for (const id of lookup) {
      if (this.known.has(id)) continue;
      if (this.unknownCheckedAt.size >= UNKNOWN_MAX) this.unknownCheckedAt.delete(this.unknownCheckedAt.keys().next().value!);
      this.unknownCheckedAt.set(id, now);
    }
  }
}
