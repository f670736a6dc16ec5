import { createHash, randomBytes } from 'node:crypto';
import { ApiError, type SessionInfo, type UserRole } from '../../common/api.js';
import type { Logger } from '../log/logger.js';
import type { Database } from '../store/database.js';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';

/** The user a request acts as, once its token is checked. */
export interface Caller {
  userId: number;
  username: string;
  role: UserRole;
}

export interface AuthOptions {
  /** Session lifetime; 12 h covers a control-room shift. */
  sessionTtlMs?: number;
  /** Failed logins per user name within `lockoutWindowMs` before further tries are refused. */
  maxFailures?: number;
  lockoutWindowMs?: number;
  now?: () => number;
}

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: UserRole;
}

export class AuthService {
  private readonly ttl: number;
  private readonly maxFailures: number;
  private readonly lockoutWindow: number;
  private readonly now: () => number;
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    options: AuthOptions = {},
  ) {
    this.ttl = options.sessionTtlMs ?? 12 * 3600_000;
    this.maxFailures = options.maxFailures ?? 5;
    this.lockoutWindow = options.lockoutWindowMs ?? 60_000;
    this.now = options.now ?? Date.now;
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

  async login(username: string, password: string): Promise<SessionInfo> {
    const key = username.toLowerCase();
    if (this.recentFailures(key) >= this.maxFailures) {
      throw new ApiError('rate-limited', 'too many failed logins for this user; wait a minute and try again');
    }
    const user = this.db.prepare('SELECT id, username, password_hash, role FROM users WHERE username = ?').get(username) as UserRow | undefined;
    // Verify against a dummy hash for unknown users so timing does not tell which names exist.
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok) {
      this.failures.set(key, [...(this.failures.get(key) ?? []), this.now()]);
      this.log.warn('failed login', { username });
      throw new ApiError('unauthorized', 'wrong user name or password');
    }
    this.failures.delete(key);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + this.ttl;
    this.db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(hashToken(token), user.id, this.now(), expiresAt);
    this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(this.now());
    this.log.info('login', { username: user.username });
    return { token, username: user.username, role: user.role, expiresAt };
  }

  /** The caller for a bearer token, or null when it is missing, unknown or expired. */
  authenticate(token: string | undefined | null): Caller | null {
    if (!token) return null;
    const row = this.db
      .prepare(
        `SELECT u.id, u.username, u.role FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ?`,
      )
      .get(hashToken(token), this.now()) as { id: number; username: string; role: UserRole } | undefined;
    return row ? { userId: row.id, username: row.username, role: row.role } : null;
  }

  logout(token: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
  }

  private recentFailures(key: string): number {
    const cutoff = this.now() - this.lockoutWindow;
    const recent = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (recent.length) this.failures.set(key, recent);
    else this.failures.delete(key);
    return recent.length;
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// scrypt of a random password, fixed so that unknown users cost the same time as known ones.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
