import { z } from 'zod';
import type pg from 'pg';
import { SITE_ID_PATTERN } from '../common/supervision.js';

/**
 * A site the authority registers: its row in `sites` and, kept only in the authority admin's file
 * (never in PostgreSQL), the password its console (or its own broker's bridge) logs in with.
 */
export const siteRegistrationSchema = z
  .object({
    id: z.string().regex(SITE_ID_PATTERN),
    name: z.string().min(1).max(200),
    district: z.string().min(1).max(100),
    enterprise: z.string().min(1).max(200),
    /** WGS 84 degrees. */
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    /** The site's broker password: at least 16 characters (`npm run supervise -- nats-auth` puts it in the cluster's config). */
    password: z.string().min(16).max(200).optional(),
    /** The site's Ed25519 public key (SPKI PEM) for its data packages. */
    publicKey: z.string().max(2000).optional(),
  })
  .strict();
export type SiteRegistration = z.infer<typeof siteRegistrationSchema>;

/** Adds or updates sites (by id) in one transaction. */
export async function registerSites(pool: pg.Pool, sites: SiteRegistration[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const s of sites) {
      await client.query(
        `INSERT INTO sites (id, name, district, enterprise, location, public_key)
         VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326)::geography, $7)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, district = excluded.district, enterprise = excluded.enterprise,
           location = excluded.location, public_key = coalesce(excluded.public_key, sites.public_key)`,
        [s.id, s.name, s.district, s.enterprise, s.lon, s.lat, s.publicKey ?? null],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Quotes a string for a NATS configuration file. */
function quote(value: string): string {
  return JSON.stringify(value);
}

/**
 * The NATS `authorization` block: the service user may do everything; each site user may publish
 * only under `sc.up.SITE.>` and subscribe only to `sc.down.SITE.>` plus `$MQTT.sub.>` (NATS's MQTT
 * listener delivers a QoS 1 subscription through a JetStream consumer on that internal subject and
 * refuses the subscription without it — measured on nats-server 2.9). A publish outside its own
 * subjects is dropped by the server (a "Publish Violation" in its log), so one site cannot write
 * under another's id. Site users may connect over MQTT only (`allowed_connection_types`), so the
 * internal `$MQTT.sub.>` permission cannot be used from a plain NATS client to read other sites'
 * deliveries. MQTT clients log in with username = site id.
 */
export function natsAuthorization(service: { user: string; password: string }, sites: Array<{ id: string; password: string }>): string {
  const users = [
    `    { user: ${quote(service.user)}, password: ${quote(service.password)} }`,
    ...sites.map(
      (s) =>
        `    { user: ${quote(s.id)}, password: ${quote(s.password)}, allowed_connection_types: ["MQTT"], permissions: { publish: { allow: [${quote(`sc.up.${s.id}.>`)}] }, subscribe: { allow: [${quote(`sc.down.${s.id}.>`)}, "$MQTT.sub.>"] } } }`,
    ),
  ];
  return `authorization {\n  users: [\n${users.join(',\n')}\n  ]\n}\n`;
}
