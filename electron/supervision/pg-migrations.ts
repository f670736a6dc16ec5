import type pg from 'pg';
import { AUTHORITY_PG_SQL } from './authority/pg-schema.js';
import { DOWNLINK_DELIVERY_PG_SQL } from './authority/pg-schema-delivery.js';
import { REJECTION_COUNTS_PG_SQL } from './pg-schema-rejection-counts.js';
import { UPLINK_PG_SQL } from './pg-schema-uplink.js';

export interface PgMigration {
  version: number;
  description: string;
  sql: string;
}

/** Applied in order, one transaction each; never edit a released one. */
export const PG_MIGRATIONS: PgMigration[] = [
  { version: 1, description: 'sites, their uplink messages, latest summary and days, rejections', sql: UPLINK_PG_SQL },
  { version: 2, description: 'authority and enterprise users, notices sent down, their audit', sql: AUTHORITY_PG_SQL },
  { version: 3, description: 'uplink refusals counted per site and reason', sql: REJECTION_COUNTS_PG_SQL },
  { version: 4, description: 'downlink messages delivered on the site\'s receipt, not the broker\'s PUBACK', sql: DOWNLINK_DELIVERY_PG_SQL },
];

/** Any fixed number shared by every instance: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 0x5c_0013;

/**
 * Brings the database to the latest schema. Several service instances may start at once: a
 * transaction-level advisory lock lets one migrate while the others wait, then find nothing to do.
 */
export async function migratePg(pool: pg.Pool, migrations: PgMigration[] = PG_MIGRATIONS): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    let latest = Math.max(0, ...done);
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, description) VALUES ($1, $2)', [m.version, m.description]);
      latest = Math.max(latest, m.version);
    }
    await client.query('COMMIT');
    return latest;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
