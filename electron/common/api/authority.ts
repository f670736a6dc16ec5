/**
 * The authority and enterprise console's HTTP API (served by the supervision service, not by a
 * site console): one contract for the service (electron/supervision/authority) and the renderer
 * in authority mode (renderer/src/views/authority). A site console answers `GET /api/mode` with
 * `{ mode: 'site' }` (electron/common/api/site.ts), so the renderer knows it is a site.
 */
import type { AuthorityNoticeKind, NoticeEvidence, NoticeAnswerBody, SiteSummaryBody } from '../supervision.js';

/** The policy's upper two levels: 主管部门 (authority) and 企业 (enterprise). */
export const AUTHORITY_ROLES = ['authority-admin', 'authority', 'enterprise'] as const;
export type AuthorityRole = (typeof AUTHORITY_ROLES)[number];

export interface AuthorityMode {
  mode: 'authority';
  /** The platform's name for the top bar. */
  platform: string;
}

export interface AuthoritySession {
  token: string;
  username: string;
  displayName: string;
  role: AuthorityRole;
  /** The enterprise an `enterprise` user sees; null for the authority. */
  enterprise: string | null;
}

/** A site seconds without a summary before it shows offline (three missed 10 s summaries and some slack). */
export const SITE_OFFLINE_AFTER_S = 60;

/** Status of a site at a glance: the map marker's colour and the table's first column. */
export type SiteStatus = 'offline' | 'critical' | 'warning' | 'normal' | 'no-data';

export interface AuthoritySiteRow {
  id: string;
  name: string;
  district: string;
  enterprise: string;
  lon: number | null;
  lat: number | null;
  status: SiteStatus;
  /** Seconds since the newest summary was written on the site; null before the first. */
  reportAgeS: number | null;
  summary: SiteSummaryBody | null;
  /** Authority notices not closed. */
  openNotices: number;
  stopWork: boolean;
}

export interface AuthoritySiteDay {
  day: string;
  body: SiteSummaryBody;
}

export interface AuthoritySiteDetail extends AuthoritySiteRow {
  days: AuthoritySiteDay[];
  notices: AuthorityNoticeSummary[];
}

export type AuthorityNoticeState = 'issued' | 'answered' | 'verified' | 'closed';

export interface AuthorityNoticeInput {
  siteId: string;
  kind: AuthorityNoticeKind;
  title: string;
  body: string;
  /** Last day to rectify, YYYY-MM-DD. */
  dueDate: string;
  evidence: NoticeEvidence[];
}

export interface AuthorityNoticeSummary {
  id: string;
  siteId: string;
  siteName: string;
  kind: AuthorityNoticeKind;
  title: string;
  dueDate: string;
  state: AuthorityNoticeState;
  issuer: string;
  issuerOrg: string;
  createdAt: number;
  /** Downlink messages the site has not yet confirmed holding (its `notice-receipt`; the broker's PUBACK is not enough). */
  pendingDownlinks: number;
}

export interface AuthorityAuditRow {
  id: number;
  at: number;
  actor: string;
  actorRole: string;
  action: string;
  detail: Record<string, unknown>;
}

export interface AuthorityNoticeView extends AuthorityNoticeSummary {
  body: string;
  evidence: NoticeEvidence[];
  answers: NoticeAnswerBody[];
  audit: AuthorityAuditRow[];
}

/** The routes, for the server's router and the renderer's calls (roles: who may call). */
export const AUTHORITY_ROUTES = {
  mode: { verb: 'GET', path: '/api/mode', auth: false },
  login: { verb: 'POST', path: '/api/authority/login', auth: false },
  logout: { verb: 'POST', path: '/api/authority/logout', auth: true },
  publicKey: { verb: 'GET', path: '/api/authority/public-key', auth: false },
  sites: { verb: 'GET', path: '/api/authority/sites', auth: true },
  site: { verb: 'GET', path: '/api/authority/sites/:id', auth: true },
  notices: { verb: 'GET', path: '/api/authority/notices', auth: true },
  notice: { verb: 'GET', path: '/api/authority/notices/:id', auth: true },
  issueNotice: { verb: 'POST', path: '/api/authority/notices', auth: true },
  verifyNotice: { verb: 'POST', path: '/api/authority/notices/:id/verify', auth: true },
  reopenNotice: { verb: 'POST', path: '/api/authority/notices/:id/reopen', auth: true },
  closeNotice: { verb: 'POST', path: '/api/authority/notices/:id/close', auth: true },
  createUser: { verb: 'POST', path: '/api/authority/users', auth: true },
} as const;
