import type { RouteSpec } from './route-spec.js';

/**
 * Console roles. `labour` is the site's labour manager (劳务管理员): the real-name registry,
 * attendance and pay sheets; with admin, the only role that sees full ID and bank-card numbers.
 */
export const USER_ROLES = ['admin', 'operator', 'safety', 'manager', 'labour', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface LoginRequest {
  username: string;
  password: string;
}

export interface SessionInfo {
  token: string;
  username: string;
  role: UserRole;
  /** UTC epoch ms after which the token stops working. */
  expiresAt: number;
}

export interface UserView {
  username: string;
  role: UserRole;
  createdAt: number;
}

/**
 * A password change: one's own (with the current password; one's other sessions end), or, for an
 * admin, another user's reset (all of that user's sessions end).
 */
export interface ChangePasswordRequest {
  /** Whose password; absent = the caller's own. */
  username?: string;
  /** The current password; required when changing one's own. */
  oldPassword?: string;
  newPassword: string;
}

/**
 * A URL for an `<img>`/`<video>`/download that works without the session token: it carries a
 * short-lived ticket for that one file (or that one panorama capture's tiles) instead.
 */
export interface MediaTicket {
  /** Path and `?ticket=…`, relative to the core's origin. */
  url: string;
  /** UTC epoch ms after which the ticket stops working; ask for a new one before. */
  expiresAt: number;
}

/** Sessions and user accounts. */
export interface AuthApi {
  login(request: LoginRequest): Promise<SessionInfo>;
  logout(): Promise<{ ok: true }>;
  listUsers(): Promise<UserView[]>;
  createUser(request: { username: string; password: string; role: UserRole }): Promise<UserView>;
  changePassword(request: ChangePasswordRequest): Promise<{ ok: true }>;
  /** A ticket for one `/api/media/…` path; a panorama tile or thumbnail path gets one for the whole capture. */
  mediaTicket(request: { path: string }): Promise<MediaTicket>;
}

export const AUTH_ROUTES = {
  login: { verb: 'POST', path: '/api/session', auth: false },
  logout: { verb: 'DELETE', path: '/api/session', auth: true },
  listUsers: { verb: 'GET', path: '/api/users', auth: true, roles: ['admin'] },
  createUser: { verb: 'POST', path: '/api/users', auth: true, roles: ['admin'] },
  changePassword: { verb: 'POST', path: '/api/password', auth: true },
  mediaTicket: { verb: 'POST', path: '/api/media-tickets', auth: true },
} as const satisfies Record<keyof AuthApi, RouteSpec>;
