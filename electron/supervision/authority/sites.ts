/**
 * The sites a user sees, with their newest summary (site_latest) and a status for the map and the
 * table. An enterprise user sees only sites whose `enterprise` is its own: the filter is in the
 * SQL, never in the renderer.
 */
import type pg from 'pg';
import { SITE_OFFLINE_AFTER_S, type AuthoritySiteDetail, type AuthoritySiteRow, type SiteStatus } from '../../common/api/authority.js';
import type { SiteSummaryBody } from '../../common/supervision.js';
import { AuthorityError } from './errors.js';
import { listNotices } from './notices.js';
import type { AuthorityUser } from './users.js';

interface Row {
  id: string;
  name: string;
  district: string;
  enterprise: string;
  lon: number | null;
  lat: number | null;
  at: Date | null;
  body: SiteSummaryBody | null;
  open_notices: string;
  stop_work: boolean;
}

/** Scope clause: `$1` is the enterprise, or null for the authority (sees all). */
const SCOPE = '($1::text IS NULL OR s.enterprise = $1)';

const SELECT = `
  SELECT s.id, s.name, s.district, s.enterprise,
         ST_X(s.location::geometry) AS lon, ST_Y(s.location::geometry) AS lat,
         l.at, l.body,
         (SELECT count(*) FROM authority_notices n WHERE n.site_id = s.id AND n.state <> 'closed') AS open_notices,
         EXISTS (SELECT 1 FROM authority_notices n WHERE n.site_id = s.id AND n.state <> 'closed' AND n.kind = 'stop-work') AS stop_work
    FROM sites s LEFT JOIN site_latest l ON l.site_id = s.id`;

export function scopeOf(user: AuthorityUser): string | null {
  return user.role === 'enterprise' ? user.enterprise : null;
}

/** Offline beats everything (nothing is known); then open critical alarms, then anything needing action. */
export function siteStatus(body: SiteSummaryBody | null, ageS: number | null): SiteStatus {
  if (!body || ageS === null) return 'no-data';
  if (ageS > SITE_OFFLINE_AFTER_S) return 'offline';
  if (body.openAlarms.critical > 0 || body.blacklistedDevicesInUse > 0) return 'critical';
  if (body.openAlarms.high > 0 || body.overdueRectifications > 0 || body.certificateProblems > 0 || body.dustExceedancesToday > 0) return 'warning';
  return 'normal';
}

function toRow(r: Row, now: number): AuthoritySiteRow {
  const ageS = r.at ? Math.max(0, Math.round((now - r.at.getTime()) / 1000)) : null;
  return {
    id: r.id,
    name: r.name,
    district: r.district,
    enterprise: r.enterprise,
    lon: r.lon,
    lat: r.lat,
    status: siteStatus(r.body, ageS),
    reportAgeS: ageS,
    summary: r.body,
    openNotices: Number(r.open_notices),
    stopWork: r.stop_work,
  };
}

export async function listSites(pool: pg.Pool, user: AuthorityUser, now = Date.now()): Promise<AuthoritySiteRow[]> {
  const { rows } = await pool.query<Row>(`${SELECT} WHERE ${SCOPE} ORDER BY s.district, s.id`, [scopeOf(user)]);
  return rows.map((r) => toRow(r, now));
}

/** One site the user may see, or 404 (an enterprise is not told another's site exists). */
export async function siteRow(pool: pg.Pool, user: AuthorityUser, siteId: string, now = Date.now()): Promise<AuthoritySiteRow> {
  const { rows } = await pool.query<Row>(`${SELECT} WHERE ${SCOPE} AND s.id = $2`, [scopeOf(user), siteId]);
  if (!rows[0]) throw new AuthorityError(404, `no site "${siteId}" on this platform${user.role === 'enterprise' ? ' for your enterprise' : ''}`);
  return toRow(rows[0], now);
}

export async function siteDetail(pool: pg.Pool, user: AuthorityUser, siteId: string): Promise<AuthoritySiteDetail> {
  const row = await siteRow(pool, user, siteId);
  const days = await pool.query<{ day: string; body: SiteSummaryBody }>(
    "SELECT to_char(day, 'YYYY-MM-DD') AS day, body FROM site_day WHERE site_id = $1 AND day > current_date - 31 ORDER BY day",
    [siteId],
  );
  return { ...row, days: days.rows, notices: await listNotices(pool, user, siteId) };
}
