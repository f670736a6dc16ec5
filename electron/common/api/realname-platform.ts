import type { RouteSpec } from './route-spec.js';

/**
 * The national construction-worker real-name platform uplink (全国建筑工人管理服务信息平台): the
 * workforce registry's companies, teams, workers, entries and exits, attendance and pay, uploaded
 * in the platform's order through the site's outbox.
 */
export const REALNAME_RECORD_KINDS = ['company', 'team', 'worker', 'entry-exit', 'attendance', 'pay'] as const;
export type RealnameRecordKind = (typeof REALNAME_RECORD_KINDS)[number];

/**
 * Where one record stands. `queued`: waiting in the outbox; `submitted`: the platform took it and
 * its result is being queried; `accepted`; `rejected`: the platform refused it (reason given; sent
 * again only when the record changes); `held`: not sent because it cannot be valid (e.g. no head
 * photo); `blocked`: not sent because a record it depends on was not accepted.
 */
export type RealnameRecordState = 'queued' | 'submitted' | 'accepted' | 'rejected' | 'held' | 'blocked';

/** One record the platform did not accept, for the labour manager. */
export interface RealnameProblem {
  key: string;
  kind: RealnameRecordKind;
  /** What the record is, in words (a worker's name, a team's name, a date). */
  label: string;
  state: 'rejected' | 'held' | 'blocked';
  /** The platform's code, or ours for held and blocked records. */
  code: string | null;
  /** Why, in Chinese as the platform words it (or as we word a hold). */
  reason: string;
  /** UTC epoch ms. */
  at: number;
}

export interface RealnamePlatformStatus {
  /** Whether app id, app secret, platform URL and project code are all set. */
  configured: boolean;
  platformUrl: string | null;
  /** The app id shown masked (first 3 and last 4 characters). */
  appIdMasked: string | null;
  projectCode: string | null;
  /** Whether an app secret is stored (never shown). */
  secretSet: boolean;
  /** UTC epoch ms of the last finished sync pass; null when never. */
  lastSyncAt: number | null;
  /** Why the last pass stopped early (platform unreachable, credentials refused); null when it ran through. */
  lastError: string | null;
  /** Records per state. */
  counts: Record<RealnameRecordState, number>;
  /** Messages waiting in the outbox's realname channel. */
  outboxPending: number;
  /** Rejected, then held, then blocked records (the causes before what waits on them), newest first within each (at most 200). */
  problems: RealnameProblem[];
}

export interface RealnameCredentialsRequest {
  /** The platform's OpenAPI address, http(s). */
  platformUrl: string;
  appId: string;
  /** Left out: the stored secret is kept. */
  appSecret?: string;
  /** 项目编码 the platform assigned to this project. */
  projectCode: string;
}

export interface RealnamePlatformApi {
  /** Last sync, records per state, and the rejected/held records with their reasons. Admins and labour managers. */
  getRealnamePlatformStatus(): Promise<RealnamePlatformStatus>;
  /** Sets the platform credentials (the secret goes into the vault and is never read back). Admin only. */
  setRealnamePlatformCredentials(request: RealnameCredentialsRequest): Promise<RealnamePlatformStatus>;
  /** Enqueues what changed since the last sync and sends it now. Admins and labour managers. */
  syncRealnamePlatform(): Promise<RealnamePlatformStatus>;
}

export const REALNAME_PLATFORM_ROUTES = {
  getRealnamePlatformStatus: { verb: 'GET', path: '/api/realname-platform', auth: true, roles: ['admin', 'labour'] },
  setRealnamePlatformCredentials: { verb: 'POST', path: '/api/realname-platform/credentials', auth: true, roles: ['admin'] },
  syncRealnamePlatform: { verb: 'POST', path: '/api/realname-platform/sync', auth: true, roles: ['admin', 'labour'] },
} as const satisfies Record<keyof RealnamePlatformApi, RouteSpec>;
