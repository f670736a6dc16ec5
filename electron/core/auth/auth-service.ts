import { createHash, randomBytes } from 'node:crypto';
import { ApiError, type SessionInfo, type UserRole } from '../../common/api.js';
import type { Logger } from '../log/logger.js';
import type { Database } from '../store/database.js';
import { LoginThrottle, type ThrottleScope } from './login-throttle.js';
import { MediaTickets } from './media-tickets.js';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';

/** The user a request acts as, once its token is checked. */
export interface Caller {
  userId: number;
  username: string;
  role: UserRole;
}

/** Something the audit log should hold: for now, an account or address locked out after failed logins. */
export interface SecurityEvent {
  type: 'login-lockout';
  username: string;
  /** The client address the attempts came from (`ipc` for the desktop shell). */
  address: string;
  /** UTC epoch ms. */
  at: number;
  detail: Record<string, unknown>;
}

export interface AuthOptions {
  /** Session lifetime; 12 h covers a control-room shift. */
  sessionTtlMs?: number;
  /** Failed logins per user name within `lockoutWindowMs` before further tries are refused. */
  maxFailures?: number;
  /** Failed logins from one client address within `lockoutWindowMs` (it may try many names). */
  maxAddressFailures?: number;
  lockoutWindowMs?: number;
  /** User names and addresses the throttle remembers (each; least recently used out). */
  maxThrottleKeys?: number;
  now?: () => number;
  /** HMAC key of the media tickets (media-ticket-key.ts); random per start when absent. */
  mediaTicketKey?: Buffer;
  /** Lockouts and the like, for the audit log. */
  onSecurityEvent?: (event: SecurityEvent) => void;
}

/** Why sessions ended; the socket servers close their sockets with 4401 'session ended'. */
export type SessionsEndedListener = (tokenHashes: string[]) => void;

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: UserRole;
}

/** An authenticated session: who, and the token's hash (to find its sockets again when it ends). */
export interface AuthenticatedSession {
  caller: Caller;
  tokenHash: string;
}

export class AuthService {
  /** Tickets for media and tile URLs, which must never carry the session token. */
  readonly mediaTickets: MediaTickets;
  private readonly ttl: number;
  private readonly now: () => number;
  private readonly throttle: LoginThrottle;
  private readonly maxFailures: number;
  private readonly lockoutWindow: number;
  private readonly listeners = new Set<SessionsEndedListener>();

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly options: AuthOptions = {},
  ) {
    this.ttl = options.sessionTtlMs ?? 12 * 3600_000;
    this.now = options.now ?? Date.now;
    this.maxFailures = options.maxFailures ?? 5;
    this.lockoutWindow = options.lockoutWindowMs ?? 60_000;
    this.throttle = new LoginThrottle({
      maxFailures: this.maxFailures,
      maxAddressFailures: options.maxAddressFailures ?? 20,
      windowMs: this.lockoutWindow,
      maxKeys: options.maxThrottleKeys ?? 10_000,
      now: this.now,
    });
    this.mediaTickets = new MediaTickets(this.now, undefined, options.mediaTicketKey);
  }

  /**
   * On first start creates `admin`, with the password from SITE_COMMAND_ADMIN_PASSWORD or a
   * random one that `announce` shows once (to the console, never to the log file).
   */
  async ensureAdmin(envPassword: string | undefined, announce: (line: string) => void): Promise<void> {
    const count = (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
    if (count > 0) return;
    const password = envPassword && envPassword.length > 0 ? envPassword : generatePassword();
    await this.createUser('admin', password, 'admin');
    if (envPassword) {
      this.log.info('created user admin with the password from SITE_COMMAND_ADMIN_PASSWORD');
    } else {
      this.log.info('created user admin with a random password (shown once on the console)');
      announce(`First start: created user "admin" with password ${password}  (shown only this once; keep it safe)`);
    }
  }

  async createUser(username: string, password: string, role: UserRole): Promise<void> {
    if (password.length < 8) throw new ApiError('bad-request', 'password must be at least 8 characters', 'password');
    const exists = this.db.prepare('SELECT 1 FROM users WHERE username = ?').get(username);
    if (exists) throw new ApiError('conflict', `user "${username}" already exists`, 'username');
    const hash = await hashPassword(password);
    this.db.prepare('INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)').run(username, hash, role, this.now());
  }

  listUsers(): { username: string; role: UserRole; createdAt: number }[] {
    return (this.db.prepare('SELECT username, role, created_at FROM users ORDER BY username').all() as { username: string; role: UserRole; created_at: number }[]).map(
      (u) => ({ username: u.username, role: u.role, createdAt: u.created_at }),
    );
  }

  /**
   * Checks a password and opens a session. The attempt is counted (per user name and per client
   * address) before the password is checked, see login-throttle.ts.
   */
  async login(username: string, password: string, address = 'unknown'): Promise<SessionInfo> {
    const reserved = this.throttle.reserve(username, address);
    if ('refused' in reserved) throw refusal(reserved.refused);
    const user = this.db.prepare('SELECT id, username, password_hash, role FROM users WHERE username = ?').get(username) as UserRow | undefined;
    // Verify against a dummy hash for unknown users so timing does not tell which names exist.
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok) {
      reserved.attempt.failed();
      this.log.warn('failed login', { username, address });
      if (reserved.attempt.locksOut) this.lockedOut(username, address, reserved.attempt.locksOut);
      throw new ApiError('unauthorized', 'wrong user name or password');
    }
    reserved.attempt.succeeded();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + this.ttl;
    this.db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(hashToken(token), user.id, this.now(), expiresAt);
    this.sweepExpired();
    this.log.info('login', { username: user.username });
    return { token, username: user.username, role: user.role, expiresAt };
  }

  /** The caller for a bearer token, or null when it is missing, not a string, unknown or expired. */
  authenticate(token: unknown): Caller | null {
    return this.authenticateSession(token)?.caller ?? null;
  }

  /** Like `authenticate`, with the token's hash (the socket servers keep it to close the socket with its session). */
  authenticateSession(token: unknown): AuthenticatedSession | null {
    if (typeof token !== 'string' || token.length === 0 || token.length > 512) return null;
    const tokenHash = hashToken(token);
    const row = this.db
      .prepare(
        `SELECT u.id, u.username, u.role FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ?`,
      )
      .get(tokenHash, this.now()) as { id: number; username: string; role: UserRole } | undefined;
    return row ? { caller: { userId: row.id, username: row.username, role: row.role }, tokenHash } : null;
  }

  logout(token: string): void {
    const tokenHash = hashToken(token);
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    this.emitEnded([tokenHash]);
  }

  /**
   * Changes a password. Changing one's own needs the old one and ends one's other sessions;
   * an admin resetting another user's ends all of that user's sessions (NIST SP 800-63B §7.1:
   * sessions are ended when the authenticator they were opened with is replaced).
   */
  async changePassword(caller: Caller, currentToken: string | null, request: { username?: string; oldPassword?: string; newPassword: string }): Promise<void> {
    const target = request.username ?? caller.username;
    const own = target.toLowerCase() === caller.username.toLowerCase();
    if (!own && caller.role !== 'admin') throw new ApiError('forbidden', `${caller.role} may change only their own password`);
    if (request.newPassword.length < 8) throw new ApiError('bad-request', 'password must be at least 8 characters', 'newPassword');
    const user = this.db.prepare('SELECT id, username, password_hash, role FROM users WHERE username = ?').get(target) as UserRow | undefined;
    if (!user) throw new ApiError('not-found', `no user "${target}"`, 'username');
    if (own) {
      if (!request.oldPassword) throw new ApiError('bad-request', 'give your current password to change it', 'oldPassword');
      if (!(await verifyPassword(request.oldPassword, user.password_hash))) throw new ApiError('unauthorized', 'the current password is wrong', 'oldPassword');
    }
    const hash = await hashPassword(request.newPassword);
    this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, user.id);
    const keep = own && currentToken ? hashToken(currentToken) : null;
    const ended = (this.db.prepare('SELECT token_hash FROM sessions WHERE user_id = ?').all(user.id) as { token_hash: string }[])
      .map((r) => r.token_hash)
      .filter((h) => h !== keep);
    const remove = this.db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    for (const h of ended) remove.run(h);
    this.log.info('password changed', { username: user.username, by: caller.username, sessionsEnded: ended.length });
    this.emitEnded(ended);
  }

  /** Listens for ended sessions (logout, expiry, password change); returns the unsubscribe. */
  onSessionsEnded(listener: SessionsEndedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Deletes expired sessions and tells the listeners, so their sockets close too. */
  sweepExpired(): number {
    const expired = (this.db.prepare('SELECT token_hash FROM sessions WHERE expires_at <= ?').all(this.now()) as { token_hash: string }[]).map((r) => r.token_hash);
    if (expired.length === 0) return 0;
    const remove = this.db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    for (const h of expired) remove.run(h);
    this.emitEnded(expired);
    return expired.length;
  }

  /** Sweeps every `everyMs`, so an expired session's sockets close within that time of expiry; returns the stop. */
  startExpirySweep(everyMs = 500): () => void {
    const timer = setInterval(() => {
      try {
        this.sweepExpired();
      } catch (error) {
        this.log.warn('session sweep failed', { error });
      }
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private emitEnded(tokenHashes: string[]): void {
    if (tokenHashes.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(tokenHashes);
      } catch (error) {
        this.log.warn('session-ended listener failed', { error });
      }
    }
  }

  private lockedOut(username: string, address: string, scope: ThrottleScope): void {
    const event: SecurityEvent = {
      type: 'login-lockout',
      username,
      address,
      at: this.now(),
      detail: { scope, failures: scope === 'account' ? this.maxFailures : (this.options.maxAddressFailures ?? 20), windowMs: this.lockoutWindow },
    };
    this.log.warn('login locked out', { username, address, scope });
    try {
      this.options.onSecurityEvent?.(event);
    } catch (error) {
      this.log.warn('security event listener failed', { error });
    }
  }
}

function refusal(scope: ThrottleScope): ApiError {
  return new ApiError(
    'rate-limited',
    scope === 'account' ? 'too many failed logins for this user; wait a minute and try again' : 'too many failed logins from this address; wait a minute and try again',
  );
}

/** sha256 of a session token: only this is stored, so a copy of the database opens no session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// scrypt of a random password, fixed so that unknown users cost the same time as known ones.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
