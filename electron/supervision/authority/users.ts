/**
 * Authority and enterprise users in PostgreSQL: scrypt hashes (the site console's own
 * electron/core/auth/passwords.ts), bearer sessions kept as SHA-256 of the token, 12 h long.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { AUTHORITY_ROLES, type AuthorityRole, type AuthoritySession } from '../../common/api/authority.js';
import { hashPassword, verifyPassword } from '../../core/auth/passwords.js';
import { appendAudit } from './audit.js';
import { AuthorityError } from './errors.js';

const SESSION_MS = 12 * 3600_000;
export const MIN_PASSWORD_LENGTH = 10;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

export interface AuthorityUser {
  username: string;
  displayName: string;
  role: AuthorityRole;
  enterprise: string | null;
}

export interface NewUser extends AuthorityUser {
  password: string;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createUser(pool: pg.Pool, user: NewUser, by: AuthorityUser | null): Promise<AuthorityUser> {
  if (!USERNAME.test(user.username)) throw new AuthorityError(400, 'a username is 2 to 40 lower-case letters, digits, ".", "_" or "-"');
  if (!(AUTHORITY_ROLES as readonly string[]).includes(user.role)) throw new AuthorityError(400, `role must be one of ${AUTHORITY_ROLES.join(', ')}`);
  if ((user.role === 'enterprise') !== (typeof user.enterprise === 'string' && user.enterprise.trim() !== '')) {
    throw new AuthorityError(400, 'an enterprise user names its enterprise (as registered with its sites); other roles name none');
  }
  if (user.password.length < MIN_PASSWORD_LENGTH) throw new AuthorityError(400, `the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  const hash = await hashPassword(user.password);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query(
      'INSERT INTO authority_users (username, display_name, role, enterprise, password_hash) VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING',
      [user.username, user.displayName, user.role, user.role === 'enterprise' ? user.enterprise!.trim() : null, hash],
    );
    if (inserted.rowCount === 0) throw new AuthorityError(409, `user ${user.username} exists already`);
    await appendAudit(client, { actor: by?.username ?? 'system', actorRole: by?.role ?? 'system', action: 'user-created', detail: { username: user.username, role: user.role, enterprise: user.enterprise } });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return { username: user.username, displayName: user.displayName, role: user.role, enterprise: user.role === 'enterprise' ? user.enterprise!.trim() : null };
}

/**
 * The first administrator, from SUPERVISION_ADMIN_PASSWORD (like the site console's
 * SITE_COMMAND_ADMIN_PASSWORD): created once, when no user exists; never overwritten.
 */
export async function ensureFirstAdmin(pool: pg.Pool, password: string | undefined, log: (level: 'info' | 'warn', m: string) => void): Promise<void> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM authority_users');
  if (Number(rows[0]!.n) > 0) return;
  if (!password) {
    log('warn', 'no authority user yet: set SUPERVISION_ADMIN_PASSWORD (10 characters or more) and restart to create "admin"');
    return;
  }
  await createUser(pool, { username: 'admin', displayName: '平台管理员', role: 'authority-admin', enterprise: null, password }, null).catch((error: unknown) => {
    if (!(error instanceof AuthorityError && error.status === 409)) throw error;
  });
  log('info', 'authority user "admin" created from SUPERVISION_ADMIN_PASSWORD');
}

export async function login(pool: pg.Pool, username: string, password: string): Promise<AuthoritySession> {
  const { rows } = await pool.query<{ username: string; display_name: string; role: AuthorityRole; enterprise: string | null; password_hash: string; disabled: boolean }>(
    'SELECT * FROM authority_users WHERE username = $1',
    [username],
  );
  const row = rows[0];
  // Always run scrypt, so a wrong username costs what a wrong password costs.
  const ok = await verifyPassword(password, row?.password_hash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  if (!row || !ok || row.disabled) {
    await appendAudit(pool, { actor: username.slice(0, 40), actorRole: 'unknown', action: 'login-failed' });
    throw new AuthorityError(401, 'wrong username or password');
  }
  const token = randomBytes(32).toString('base64url');
  await pool.query('INSERT INTO authority_sessions (token_sha256, username, expires_at) VALUES ($1, $2, $3)', [tokenHash(token), row.username, new Date(Date.now() + SESSION_MS)]);
  await appendAudit(pool, { actor: row.username, actorRole: row.role, action: 'login' });
  return { token, username: row.username, displayName: row.display_name, role: row.role, enterprise: row.enterprise };
}

export async function userOfToken(pool: pg.Pool, token: string | null): Promise<AuthorityUser | null> {
  if (!token) return null;
  const { rows } = await pool.query<{ username: string; display_name: string; role: AuthorityRole; enterprise: string | null }>(
    `SELECT u.username, u.display_name, u.role, u.enterprise FROM authority_sessions s JOIN authority_users u USING (username)
      WHERE s.token_sha256 = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [tokenHash(token)],
  );
  const r = rows[0];
  return r ? { username: r.username, displayName: r.display_name, role: r.role, enterprise: r.enterprise } : null;
}

export async function logout(pool: pg.Pool, token: string): Promise<void> {
  await pool.query('DELETE FROM authority_sessions WHERE token_sha256 = $1', [tokenHash(token)]);
}
