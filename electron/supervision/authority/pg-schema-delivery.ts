/**
 * PostgreSQL migration 4: downlink messages are delivered when the site says so (its
 * `notice-receipt`), not when the broker PUBACKs (see authority/downlink-receipts.ts).
 * `last_sent_at` spaces out the sends of a message the site has not confirmed yet.
 */
export const DOWNLINK_DELIVERY_PG_SQL = `
  ALTER TABLE authority_downlink ADD COLUMN delivered_at timestamptz, ADD COLUMN last_sent_at timestamptz;
  CREATE INDEX authority_downlink_undelivered ON authority_downlink (site_id, created_at) WHERE delivered_at IS NULL;
`;
