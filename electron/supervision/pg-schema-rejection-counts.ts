/**
 * Migration 3: refusals counted per site and reason. `uplink_rejections` keeps samples, at most
 * REJECTION_SAMPLES_PER_MINUTE a site (a flood of garbage must not grow the table without bound);
 * this table counts every refusal, so the authority sees how much a site sent that was refused.
 * `site_key` is the subject's site id, or '' when the subject names none.
 */
export const REJECTION_COUNTS_PG_SQL = `
  CREATE TABLE uplink_rejection_counts (
    site_key text NOT NULL,
    reason   text NOT NULL,
    count    bigint NOT NULL,
    last_at  timestamptz NOT NULL,
    PRIMARY KEY (site_key, reason)
  );
  CREATE INDEX uplink_rejections_site_at ON uplink_rejections ((coalesce(site_id, '')), at);
`;
