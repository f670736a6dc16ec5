import { afterEach, describe, expect, it } from 'vitest';
import { AuthService, hashToken, type SecurityEvent } from '../../../electron/core/auth/auth-service.js';
import { generatePassword, hashPassword, verifyPassword } from '../../../electron/core/auth/passwords.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { closeDatabase, openDatabase } from '../../../electron/core/store/database.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });
afterEach(removeTempDirs);

describe('passwords', () => {
  it('stores scrypt hashes, never the password, and verifies only the right one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('generates distinct typeable passwords', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(generatePassword()).not.toBe(a);
  });
});

describe('auth service', () => {
  function setup(now = { t: 1_000_000 }) {
    const db = openDatabase(tempDir());
    return { db, auth: new AuthService(db, quiet, { now: () => now.t, sessionTtlMs: 60_000 }), now };
  }

  it('creates admin once with the environment password', async () => {
    const { db, auth } = setup();
    const lines: string[] = [];
    await auth.ensureAdmin('from-env-123', (l) => lines.push(l));
    await auth.ensureAdmin('other-password', (l) => lines.push(l));
    expect(lines).toEqual([]);
    await expect(auth.login('admin', 'from-env-123')).resolves.toMatchObject({ username: 'admin', role: 'admin' });
    await expect(auth.login('admin', 'other-password')).rejects.toThrow(/wrong user name or password/);
    closeDatabase(db);
  });

  it('announces a random first password exactly once, and it works', async () => {
    const { db, auth } = setup();
    const lines: string[] = [];
    await auth.ensureAdmin(undefined, (l) => lines.push(l));
    expect(lines).toHaveLength(1);
    const password = /password (\S+)/.exec(lines[0]!)![1]!;
    await expect(auth.login('admin', password)).resolves.toHaveProperty('token');
    closeDatabase(db);
  });

  it('issues tokens that authenticate until they expire or log out', async () => {
    const { db, auth, now } = setup();
    await auth.ensureAdmin('pw-12345678', () => undefined);
    const session = await auth.login('admin', 'pw-12345678');
    expect(auth.authenticate(session.token)).toMatchObject({ username: 'admin', role: 'admin' });
    expect(auth.authenticate('not-a-token')).toBeNull();
    expect(auth.authenticate(undefined)).toBeNull();
    now.t += 61_000;
    expect(auth.authenticate(session.token)).toBeNull();
    const second = await auth.login('admin', 'pw-12345678');
    // Only a hash of the token is stored: the live session's row holds sha256(token), never the token.
    const stored = db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    expect(stored.map((r) => r.token_hash)).toEqual([hashToken(second.token)]);
    expect(stored[0]!.token_hash).not.toContain(second.token);
    auth.logout(second.token);
    expect(auth.authenticate(second.token)).toBeNull();
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    closeDatabase(db);
  });

  it('refuses further tries after 5 wrong passwords in a minute, then allows again', async () => {
    const { db, auth, now } = setup();
    await auth.ensureAdmin('pw-12345678', () => undefined);
    for (let i = 0; i < 5; i++) await expect(auth.login('admin', 'wrong')).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(auth.login('admin', 'pw-12345678')).rejects.toMatchObject({ code: 'rate-limited' });
    now.t += 61_000;
    await expect(auth.login('admin', 'pw-12345678')).resolves.toHaveProperty('token');
    closeDatabase(db);
  });

  it('rejects unknown users with the same message as a wrong password', async () => {
    const { db, auth } = setup();
    await auth.ensureAdmin('pw-12345678', () => undefined);
    await expect(auth.login('nobody', 'pw-12345678')).rejects.toThrow('wrong user name or password');
    closeDatabase(db);
  });

  it('lets at most maxFailures of 20 parallel wrong logins reach the password check', async () => {
    const { db, auth } = setup();
    await auth.ensureAdmin('pw-12345678', () => undefined);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => auth.login('admin', 'wrong', '10.0.0.1')));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok'));
    expect(codes.filter((c) => c === 'unauthorized')).toHaveLength(5);
    expect(codes.filter((c) => c === 'rate-limited')).toHaveLength(15);
    closeDatabase(db);
  });

  it('counts unknown user names like real ones, and reports the lockout once', async () => {
    const db = openDatabase(tempDir());
    const events: SecurityEvent[] = [];
    const auth = new AuthService(db, quiet, { now: () => 5000, onSecurityEvent: (e) => events.push(e) });
    for (let i = 0; i < 5; i++) await expect(auth.login('nobody', 'x', '10.0.0.2')).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(auth.login('nobody', 'x', '10.0.0.3')).rejects.toMatchObject({ code: 'rate-limited' });
    await expect(auth.login('Nobody', 'x', '10.0.0.3')).rejects.toMatchObject({ code: 'rate-limited' });
    expect(events).toEqual([{ type: 'login-lockout', username: 'nobody', address: '10.0.0.2', at: 5000, detail: { scope: 'account', failures: 5, windowMs: 60_000 } }]);
    closeDatabase(db);
  });

  it('refuses an address that tries many names', async () => {
    const db = openDatabase(tempDir());
    const auth = new AuthService(db, quiet, { maxAddressFailures: 3 });
    for (let i = 0; i < 3; i++) await expect(auth.login(`user${i}`, 'x', '10.0.0.7')).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(auth.login('user9', 'x', '10.0.0.7')).rejects.toThrow(/from this address/);
    await expect(auth.login('user9', 'x', '10.0.0.8')).rejects.toMatchObject({ code: 'unauthorized' });
    closeDatabase(db);
  });

  it('tells listeners which sessions ended: logout, expiry sweep, password change', async () => {
    const { db, auth, now } = setup();
    await auth.ensureAdmin('pw-12345678', () => undefined);
    await auth.createUser('op', 'op-password-1', 'operator');
    const ended: string[][] = [];
    auth.onSessionsEnded((hashes) => ended.push(hashes));
    const a = await auth.login('admin', 'pw-12345678');
    auth.logout(a.token);
    expect(ended).toEqual([[hashToken(a.token)]]);

    const b = await auth.login('admin', 'pw-12345678');
    now.t += 59_000;
    expect(auth.sweepExpired()).toBe(0);
    now.t += 1_000;
    expect(auth.sweepExpired()).toBe(1);
    expect(ended[1]).toEqual([hashToken(b.token)]);

    // Own change: the other sessions end, this one stays.
    const c1 = await auth.login('op', 'op-password-1');
    const c2 = await auth.login('op', 'op-password-1');
    const op = auth.authenticate(c1.token)!;
    await expect(auth.changePassword(op, c1.token, { oldPassword: 'wrong-old', newPassword: 'op-password-2' })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(auth.changePassword(op, c1.token, { username: 'admin', newPassword: 'x-password-2' })).rejects.toMatchObject({ code: 'forbidden' });
    await auth.changePassword(op, c1.token, { oldPassword: 'op-password-1', newPassword: 'op-password-2' });
    expect(ended[2]).toEqual([hashToken(c2.token)]);
    expect(auth.authenticate(c1.token)).not.toBeNull();
    expect(auth.authenticate(c2.token)).toBeNull();

    // Admin reset: all of that user's sessions end, and the new password works.
    const admin = await auth.login('admin', 'pw-12345678');
    await auth.changePassword(auth.authenticate(admin.token)!, admin.token, { username: 'op', newPassword: 'op-password-3' });
    expect(ended[3]).toEqual([hashToken(c1.token)]);
    await expect(auth.login('op', 'op-password-3')).resolves.toHaveProperty('token');
    closeDatabase(db);
  });

  it('authenticates nothing that is not a token string', async () => {
    const { db, auth } = setup();
    for (const bad of [1, {}, [], null, undefined, '', 'x'.repeat(10_000)]) expect(auth.authenticate(bad)).toBeNull();
    closeDatabase(db);
  });
});
