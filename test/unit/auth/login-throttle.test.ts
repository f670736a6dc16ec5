import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../../electron/core/auth/login-throttle.js';

function throttle(now = { t: 0 }, maxKeys = 100) {
  return { now, t: new LoginThrottle({ maxFailures: 5, maxAddressFailures: 8, windowMs: 60_000, maxKeys, now: () => now.t }) };
}

describe('login throttle', () => {
  it('counts an attempt when it is reserved, so parallel attempts cannot all pass', () => {
    const { t } = throttle();
    // 20 attempts reserved before any of them is settled (as parallel logins awaiting scrypt are).
    const results = Array.from({ length: 20 }, () => t.reserve('admin', '10.0.0.1'));
    expect(results.filter((r) => 'attempt' in r)).toHaveLength(5);
    expect(results[5]).toEqual({ refused: 'account', failures: 5 });
  });

  it('marks the attempt whose failure locks the account out', () => {
    const { t } = throttle();
    const locks = Array.from({ length: 5 }, () => {
      const r = t.reserve('admin', 'a');
      if (!('attempt' in r)) throw new Error('refused');
      r.attempt.failed();
      return r.attempt.locksOut;
    });
    expect(locks).toEqual([null, null, null, null, 'account']);
  });

  it('gives the count back on success and forgets failures after the window', () => {
    const { t, now } = throttle();
    for (let i = 0; i < 4; i++) {
      const r = t.reserve('Admin', 'a');
      if ('attempt' in r) r.attempt.failed();
    }
    const ok = t.reserve('admin', 'a');
    if (!('attempt' in ok)) throw new Error('refused');
    ok.attempt.succeeded();
    expect('attempt' in t.reserve('admin', 'a')).toBe(true);
    for (let i = 0; i < 5; i++) t.reserve('other', 'b');
    expect(t.reserve('other', 'b')).toMatchObject({ refused: 'account' });
    now.t += 60_001;
    expect('attempt' in t.reserve('other', 'b')).toBe(true);
  });

  it('limits one address trying many user names', () => {
    const { t } = throttle();
    const results = Array.from({ length: 12 }, (_, i) => t.reserve(`user${i}`, '10.0.0.9'));
    expect(results.filter((r) => 'attempt' in r)).toHaveLength(8);
    expect(results[8]).toMatchObject({ refused: 'address' });
    expect('attempt' in t.reserve('user99', '10.0.0.10')).toBe(true);
  });

  it('keeps at most maxKeys names and addresses however many are tried', () => {
    const { t } = throttle({ t: 0 }, 50);
    for (let i = 0; i < 1000; i++) t.reserve(`name-${i}`, `addr-${i}`);
    expect(t.keys).toEqual({ accounts: 50, addresses: 50 });
  });
});
