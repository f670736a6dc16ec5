/**
 * PostgreSQL schema of the uplink side (migration 1 of pg-migrations.ts). The tables the authority
 * console reads (`sites`, `site_latest`, `site_day`) are its contract with the ingest: their
 * columns are documented here and not renamed without a migration.
 *
 * Exactly once: every message is kept by its primary key (site_id, seq) with ON CONFLICT DO
 * NOTHING, in the same transaction as its effect, so a redelivery (a NATS node failover, a
 * service restart before its ack) changes nothing. Several service instances may take messages of
 * one site out of order: `site_latest` only moves forward (`WHERE excluded.seq > site_latest.seq`).
 */
export const UPLINK_PG_SQL = `
  CREATE EXTENSION IF NOT EXISTS postgis;

  -- Sites registered with the platform: the authority's list. A site publishes only under its own
  -- id (the broker's per-site credentials and subject permissions), and the service drops a
  -- message whose envelope names another site than its subject.
  CREATE TABLE sites (
    id            text PRIMARY KEY,               -- SITE_ID_PATTERN (electron/common/supervision.ts)
    name          text NOT NULL,                  -- 项目名称
    district      text NOT NULL,                  -- 区县: the authority's filter
    enterprise    text NOT NULL,                  -- 企业 (construction company): an enterprise user sees its own
    location      geography(Point, 4326),         -- WGS 84 lon/lat of the site
    public_key    text,                           -- the site's Ed25519 public key (SPKI PEM) for its data packages
    registered_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX sites_location ON sites USING gist (location);

  -- Every uplink message once (summaries included): the record behind every figure.
  CREATE TABLE site_messages (
    site_id     text NOT NULL REFERENCES sites (id),
    seq         bigint NOT NULL,
    kind        text NOT NULL,                    -- UPLINK_KINDS
    at          timestamptz NOT NULL,             -- when the site wrote it
    body        jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, seq)
  );
  CREATE INDEX site_messages_kind_at ON site_messages (kind, at);

  -- The newest summary of each site: the authority table's row (SiteSummaryBody in body).
  CREATE TABLE site_latest (
    site_id     text PRIMARY KEY REFERENCES sites (id),
    seq         bigint NOT NULL,
    at          timestamptz NOT NULL,
    body        jsonb NOT NULL,
    received_at timestamptz NOT NULL
  );

  -- The last summary of each site day: trends per site (one row a day).
  CREATE TABLE site_day (
    site_id text NOT NULL REFERENCES sites (id),
    day     date NOT NULL,
    seq     bigint NOT NULL,
    body    jsonb NOT NULL,
    PRIMARY KEY (site_id, day)
  );

  -- Messages refused (garbage, another site's id, an unknown site): counted and kept as a sample.
  CREATE TABLE uplink_rejections (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    subject   text NOT NULL,
    site_id   text,                               -- the site the subject names, when it names one
    reason    text NOT NULL,
    sample    text                                -- the first 200 bytes
  );
`;
