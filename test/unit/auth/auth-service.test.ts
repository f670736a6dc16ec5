import { afterEach, describe, expect, it } from 'vitest';
import { AuthService } from '../../../electron/core/auth/auth-service.js';
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
    auth.logout(second.token);
    expect(auth.authenticate(second.token)).toBeNull();
    // Only a hash of the token is stored.
    const stored = db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    expect(stored.some((r) => r.token_hash === second.token)).toBe(false);
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
});
