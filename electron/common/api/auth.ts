import type { RouteSpec } from './route-spec.js';

export type UserRole = 'admin' | 'operator' | 'safety' | 'manager' | 'viewer';

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

/** Sessions and user accounts. */
export interface AuthApi {
  login(request: LoginRequest): Promise<SessionInfo>;
  logout(): Promise<{ ok: true }>;
  listUsers(): Promise<UserView[]>;
  createUser(request: { username: string; password: string; role: UserRole }): Promise<UserView>;
}

export const AUTH_ROUTES = {
  login: { verb: 'POST', path: '/api/session', auth: false },
  logout: { verb: 'DELETE', path: '/api/session', auth: true },
  listUsers: { verb: 'GET', path: '/api/users', auth: true, roles: ['admin'] },
  createUser: { verb: 'POST', path: '/api/users', auth: true, roles: ['admin'] },
} as const satisfies Record<keyof AuthApi, RouteSpec>;
