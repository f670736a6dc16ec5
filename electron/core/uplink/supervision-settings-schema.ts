import { z } from 'zod';
import { SITE_ID_PATTERN } from '../../common/supervision.js';

const mqttUrl = z.string().regex(/^mqtts?:\/\/[^\s/]+(:\d+)?\/?$/, 'an MQTT URL such as mqtt://10.0.0.5:1883');

/**
 * The site file's `supervision` section (#13): where the site reports upstream. Absent: no uplink.
 * The broker password is not here: an admin sets it through the console (kept sealed in the vault).
 */
export const supervisionSettings = z
  .object({
    /** The id the supervision platform registered this site under (its broker username). */
    siteId: z.string().regex(SITE_ID_PATTERN, 'lower-case letters, digits and "-", 3 to 40 characters, as the platform registered it'),
    /** The cluster's MQTT listeners, one URL or several (the next is tried when one fails). */
    uplink: z.union([mqttUrl, z.array(mqttUrl).min(1).max(16)]).transform((u) => (Array.isArray(u) ? u : [u])),
    /** Seconds between summaries (10 by default; the authority table's freshness). */
    summaryEverySeconds: z.number().int().min(2).max(3600).default(10),
    /** This console's URL the authority may open for drill-down (the site's consent); absent: not offered. */
    consoleUrl: z.string().url().optional(),
    /**
     * The authority's Ed25519 public key (SPKI PEM, as its console shows at /api/authority/public-key),
     * or the name of a file beside site.json holding it: notices from above are applied only when
     * their signature verifies with it. Absent: every notice is refused (and audited).
     */
    authorityPublicKey: z.string().min(1).max(4000).optional(),
  })
  .strict();

export type SupervisionSettings = z.infer<typeof supervisionSettings>;
