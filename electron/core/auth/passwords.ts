import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt with N=2^15, r=8, p=1 (OWASP's 2023 minimum for scrypt), 16-byte salt, 32-byte key.
 * Stored as `scrypt$N$r$p$salt$key` (base64) so the cost can be raised later without a migration.
 */
const PRODUCTION_COST = { N: 1 << 15, r: 8, p: 1 };

/**
 * TEST KNOB, off by default: `SITE_COMMAND_TEST_FAST_PASSWORD_HASH=1` hashes NEW passwords with
 * N=2^10 instead of 2^15, 32 times cheaper. Only the test harness sets it, for the core processes
 * the integration and e2e tests start (hundreds of logins, each one scrypt on a two-core machine).
 * A stored hash names its own cost, so checking a password works the same either way. Never set
 * it in an installation: a stolen hash would be 32 times cheaper to guess.
 */
export function fastPasswordHashForTests(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SITE_COMMAND_TEST_FAST_PASSWORD_HASH === '1';
}
const TEST_COST = { N: 1 << 10, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { ...options, maxmem: 128 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const cost = fastPasswordHashForTests() ? TEST_COST : PRODUCTION_COST;
  const key = await derive(password, salt, cost, KEY_LENGTH);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) }, expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A password a person can type from the console log: 4 groups of 4, no look-alike characters. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
